using Microsoft.Extensions.Logging;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;
using RegionGrains.Grains.Telemetry;

namespace RegionGrains.Grains.Regions;

/// <summary>
/// How a region is woken for what falls due by itself (reservation starts, ends and lapsed waits, scheduled changes).
/// Two mechanisms, because neither does both jobs: while the region is active, a grain timer fires at the due instant
/// (to the second); the timer does not keep the region active, so an idle region deactivates. The durable wake-up is
/// an Orleans reminder: it survives deactivation and restarts of every silo, but ticks only at its period (a minute
/// by default) and is loaded from the reminder table, so it is coarse. Whatever wakes the region, the firing is the same
/// journaled step (<see cref="RegionRules.Expire"/>), so a tick that finds nothing due does nothing.
/// </summary>
/// <remarks>
/// The reminder is written only when needed: before a change is journaled that brings the next due instant earlier
/// than the reminder's next tick by more than a period (so an acknowledged change is never one nothing would wake the
/// region for), when a tick finds the next due instant more than a period away, and, unregistered, when a tick finds
/// nothing due. A steady stream of reservations with lifetimes therefore writes the reminder table about once, not once
/// per reservation.
/// </remarks>
internal sealed partial class RegionGrain
{
    private const string WakeUpReminder = "wake-up";

    private IGrainTimer? _wakeTimer;

    // The two instants below are kept as UTC ticks, 0 for none: 8 bytes each in every activation where a
    // DateTimeOffset? takes 24.
    private long _nextExpiryUtc;
    private long _reminderTickUtc;

    /// <summary>The next instant something falls due, as last computed; null when nothing will.</summary>
    private DateTimeOffset? NextExpiry
    {
        get => FromTicks(_nextExpiryUtc);
        set => _nextExpiryUtc = ToTicks(value);
    }

    /// <summary>
    /// The latest instant by which the wake-up reminder, as this activation last left it, ticks; null when this
    /// activation has not registered it (it may still exist from an earlier one, which only costs a tick that does nothing).
    /// </summary>
    private DateTimeOffset? ReminderTick
    {
        get => FromTicks(_reminderTickUtc);
        set => _reminderTickUtc = ToTicks(value);
    }

    private static DateTimeOffset? FromTicks(long utcTicks) => utcTicks == 0 ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero);

    private static long ToTicks(DateTimeOffset? instant) => instant?.UtcTicks ?? 0;

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeUpReminder)
        {
            return;
        }

        await ExpireDueAsync();
        var now = Time.GetUtcNow();
        var period = Options.WakeUpPeriod;
        if (NextExpiry is not { } due)
        {
            if (await this.GetReminder(WakeUpReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            ReminderTick = null;
            LogWakeUpCleared(services.Logger, RegionId);
        }
        else if (due - now > period)
        {
            await RegisterReminderAsync(due, now);
        }
        else
        {
            // Due within a period (or due and not fired, which the next tick tries again): the reminder ticks again by then.
            ReminderTick = now + period;
        }
    }

    private async Task EnsureReminderAsync(DateTimeOffset? due)
    {
        if (due is { } next && (ReminderTick is not { } tick || next + Options.WakeUpPeriod < tick))
        {
            await RegisterReminderAsync(next, Time.GetUtcNow());
        }
    }

    private async Task RegisterReminderAsync(DateTimeOffset due, DateTimeOffset now)
    {
        var wait = due - now;
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxTimerDelay ? MaxTimerDelay : wait;
        await this.RegisterOrUpdateReminder(WakeUpReminder, wait, Options.WakeUpPeriod);
        ReminderTick = now + wait;
    }

    private async Task ExpireDueAsync()
    {
        await CatchUpIfOvertakenAsync();
        // The cached next due instant keeps every call, reads included, from scanning the reservations and schedule.
        if (ExpiryIsDue() && Rules.Expire(State, SystemContext()) is { } expiry)
        {
            using var activity = DomainActivities.StartRegion(DomainActivities.Names.Expire, this);
            await CommitAsync(expiry);
        }
    }

    private bool ExpiryIsDue() => _nextExpiryUtc != 0 && _nextExpiryUtc <= Time.GetUtcNow().UtcTicks;

    /// <summary>Arms the grain timer for <paramref name="due"/>; a timer that does not keep the region active.</summary>
    private void ScheduleWakeUp(DateTimeOffset? due)
    {
        if (due == NextExpiry && (due is null || _wakeTimer is not null))
        {
            return;
        }

        NextExpiry = due;
        _wakeTimer?.Dispose();
        _wakeTimer = null;
        if (due is null)
        {
            return;
        }

        var delay = due.Value - Time.GetUtcNow();
        _wakeTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnWakeTimerAsync(),
            this,
            new GrainTimerCreationOptions
            {
                DueTime = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay,
                Period = Timeout.InfiniteTimeSpan,
                KeepAlive = false,
            });
    }

    private async Task OnWakeTimerAsync()
    {
        await ExpireDueAsync();

        // A wait longer than one timer step ends here without expiring anything: set the next step.
        if (NextExpiry is { } due && due > Time.GetUtcNow())
        {
            _wakeTimer?.Dispose();
            _wakeTimer = null;
            ScheduleWakeUp(due);
        }
    }

    private static bool AffectsExpiry(RegionChange change) => change switch
    {
        ReservationMade made => made.Reservation.ExpiresAt is not null || made.Reservation.State == ReservationState.Scheduled,
        ReservationEnded ended => ended.Reservation.ExpiresAt is not null || ended.Cancelled,
        ReservationStarted or ReservationChanged or ReservationQueued or WaiterGranted => true,
        ChangeScheduled or ScheduledChangeCancelled or ScheduledChangeFinished => true,
        ChangeCompleted completed => completed.Committed,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{RegionId} has nothing due; its wake-up reminder is removed")]
    private static partial void LogWakeUpCleared(ILogger logger, string regionId);
}
