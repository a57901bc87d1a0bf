using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Webhooks;

/// <summary>
/// One webhook rule and its deliveries. The regions' journals are the outbox: the rule keeps, per region, the version up
/// to which events were handled, and pulls the events after it from the region (<see cref="IRegionGrain.GetEventsAsync"/>)
/// when the footprint says the region moved, or when its periodic catch-up finds it did. An event is delivered until
/// the target takes it (2xx) or the attempts run out, with the same <c>webhook-id</c> on every attempt, and only then
/// does the cursor move on and get saved: a crash in between delivers again, with that same id.
/// </summary>
/// <remarks>
/// Reentrant so that reading the rule or its log never waits behind a delivery that is backing off for minutes. Safe:
/// the grain's turns still run one at a time, so state changes between awaits only; one delivery loop runs at a time
/// (<see cref="_pump"/>), and it stops as soon as the rule it started with was replaced or deleted. Nothing here
/// checks or changes capacity.
/// </remarks>
[Reentrant]
internal sealed partial class EventRuleGrain(
    [FromKeyedServices(StorageNames.Webhooks)] IJournalStorage journal,
    Serializer serializer,
    WebhookSender sender,
    IDataProtectionProvider protection,
    IOptions<WebhookOptions> options,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<EventRuleGrain> logger) : Grain, IEventRuleGrain, IFootprintObserver
{
    private const int PageSize = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    private JournalCell<EventRuleState> _cell = null!;
    private EventRuleState _state = EventRuleState.Empty;
    // Completes when the last save started has finished: each save waits for the one before (see SaveAsync).
    private Task _lastSave = Task.CompletedTask;
    private Task _pump = Task.CompletedTask;
    private bool _again;
    private IGrainTimer? _catchUp;

    private string Name => this.GetPrimaryKeyString();

    private IDataProtector Protector => protection.CreateProtector("RegionGrains.Webhooks.Secret");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _cell = new JournalCell<EventRuleState>(journal, serializer, $"webhook-rule/{Name}");
        _state = await _cell.LoadAsync(cancellationToken) ?? EventRuleState.Empty;
        if (_state.Rule is not null)
        {
            StartCatchUp();
        }
    }

    public async Task<bool> PutAsync(EventRule rule)
    {
        if (!WebhookRules.TryDecodeSecret(rule.Secret, out _) || !WebhookRules.TryParseTarget(rule.TargetUrl, out _) || rule.On.IsDefaultOrEmpty)
        {
            throw new ArgumentException("The rule is not valid; the gateway checks rules before they get here.", nameof(rule));
        }

        var created = _state.Rule is null;

        // Deliveries start after the call: every region the rule covers starts at its current version, except those it
        // already follows. A region created later starts at 0, i.e. with its whole history.
        var cursors = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var region in await CurrentVersionsAsync(rule.Regions))
        {
            cursors[region.Key] = _state.Cursors.TryGetValue(region.Key, out var cursor) ? cursor : region.Value;
        }

        var stored = new StoredRule(rule.On, rule.Regions.IsDefault ? [] : rule.Regions, rule.When, rule.TargetUrl, Protector.Protect(rule.Secret), time.GetUtcNow());
        await SaveAsync(s => s with { Rule = stored, Cursors = cursors.ToImmutable() });
        await GrainFactory.GetGrain<IEventRuleRegistryGrain>(IEventRuleRegistryGrain.Key).SetAsync(Name, exists: true);
        StartCatchUp();
        return created;
    }

    public Task<EventRuleView?> GetAsync() => Task.FromResult(_state.Rule is { } rule
        ? new EventRuleView(Name, rule.On, rule.Regions, rule.When, rule.TargetUrl, rule.UpdatedAt)
        : null);

    public async Task<bool> DeleteAsync()
    {
        if (_state.Rule is null)
        {
            return false;
        }

        await SaveAsync(s => EventRuleState.Empty with { LastSequence = s.LastSequence });
        await GrainFactory.GetGrain<IEventRuleRegistryGrain>(IEventRuleRegistryGrain.Key).SetAsync(Name, exists: false);
        _catchUp?.Dispose();
        _catchUp = null;
        await GrainFactory.GetGrain<IFootprintGrain>(IFootprintGrain.Key).UnsubscribeAsync(this.AsReference<IFootprintObserver>());
        return true;
    }

    public Task<WebhookDeliveryPage?> GetDeliveriesAsync(int limit, long? before = null)
    {
        if (_state.Rule is null)
        {
            return Task.FromResult<WebhookDeliveryPage?>(null);
        }

        var older = _state.Deliveries.Where(d => d.Sequence < (before ?? long.MaxValue)).Reverse().Take(limit + 1).ToList();
        var page = older.Take(limit).ToImmutableArray();
        return Task.FromResult<WebhookDeliveryPage?>(new WebhookDeliveryPage(page, older.Count > limit ? page[^1].Sequence : null));
    }

    public Task WakeAsync() => Task.CompletedTask;

    public Task OnFootprintChangedAsync(FootprintChange change)
    {
        if (_state.Rule is { } rule)
        {
            foreach (var region in change.Regions)
            {
                if (Covers(rule, region.Id) && region.Version > _state.Cursors.GetValueOrDefault(region.Id))
                {
                    _due.Add(region.Id);
                }
            }

            Kick();
        }

        return Task.CompletedTask;
    }

    private void StartCatchUp() => _catchUp ??= this.RegisterGrainTimer(
        static (grain, _) => grain.CatchUpAsync(),
        this,
        new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = options.Value.CatchUpInterval, KeepAlive = true });

    /// <summary>(Re)subscribes to the footprint's notifications and marks every region that moved past its cursor.</summary>
    private async Task CatchUpAsync()
    {
        if (_state.Rule is not { } rule)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IFootprintGrain>(IFootprintGrain.Key).SubscribeAsync(this.AsReference<IFootprintObserver>());
            foreach (var (region, version) in await CurrentVersionsAsync(rule.Regions))
            {
                if (version > _state.Cursors.GetValueOrDefault(region))
                {
                    _due.Add(region);
                }
            }

            Kick();
        }
        catch (Exception exception)
        {
            LogCatchUpFailed(exception, Name);
        }
    }

    private async Task<Dictionary<string, long>> CurrentVersionsAsync(ImmutableArray<string> regions)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!regions.IsDefaultOrEmpty)
        {
            foreach (var id in regions)
            {
                versions[id] = (await GrainFactory.GetGrain<IRegionGrain>(id).GetAsync())?.Version ?? 0;
            }

            return versions;
        }

        var directory = GrainFactory.GetGrain<IRegionDirectoryGrain>(IRegionDirectoryGrain.Key);
        string? after = null;
        while (true)
        {
            var page = await directory.ListAsync(new RegionPageQuery(after, RegionPageQuery.MaxLimit));
            foreach (var region in page.Regions)
            {
                versions[region.Id] = region.Version;
            }

            if (!page.HasMore || page.Regions.IsEmpty)
            {
                return versions;
            }

            after = page.Regions[^1].Id;
        }
    }

    private static bool Covers(StoredRule rule, string regionId) => rule.Regions.IsEmpty || rule.Regions.Contains(regionId);

    private void Kick()
    {
        _again = true;
        if (_pump.IsCompleted)
        {
            _pump = PumpAsync();
        }
    }

    private async Task PumpAsync()
    {
        while (_again && _state.Rule is { } rule)
        {
            _again = false;
            var due = _due.ToList();
            _due.Clear();
            foreach (var region in due)
            {
                try
                {
                    if (!await DrainAsync(rule, region))
                    {
                        return;
                    }
                }
                catch (Exception exception)
                {
                    // The catch-up finds the region again; its cursor did not move past what was not handled.
                    LogDeliveryFailed(exception, Name, region);
                }
            }
        }
    }

    /// <summary>Handles the region's events after its cursor; false when the rule changed meanwhile.</summary>
    private async Task<bool> DrainAsync(StoredRule rule, string regionId)
    {
        var key = WebhookRules.TryDecodeSecret(Protector.Unprotect(rule.ProtectedSecret), out var k) ? k : throw new InvalidDataException("A stored secret does not decode.");
        var target = new Uri(rule.TargetUrl);
        var region = GrainFactory.GetGrain<IRegionGrain>(regionId);
        while (true)
        {
            var page = await region.GetEventsAsync(_state.Cursors.GetValueOrDefault(regionId), PageSize);
            if (!ReferenceEquals(_state.Rule, rule))
            {
                return false;
            }

            if (page is null || (page.Events.IsEmpty && !page.Truncated))
            {
                return true;
            }

            if (page.Truncated)
            {
                LogTruncated(Name, regionId, _state.Cursors.GetValueOrDefault(regionId), page.Head);
                await SaveAsync(s => ReferenceEquals(s.Rule, rule) ? s with { Cursors = s.Cursors.SetItem(regionId, page.Head) } : null);
                return true;
            }

            foreach (var e in page.Events)
            {
                if (rule.On.Contains(e.Kind) && await ConditionHoldsAsync(rule, region, regionId) && !await DeliverAsync(rule, target, key, regionId, e))
                {
                    return false;
                }
            }

            var handled = page.Events[^1].Version;
            await SaveAsync(s => ReferenceEquals(s.Rule, rule) ? s with { Cursors = s.Cursors.SetItem(regionId, handled) } : null);
        }
    }

    private async Task<bool> ConditionHoldsAsync(StoredRule rule, IRegionGrain region, string regionId)
    {
        if (rule.When is not { } when)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var pool = (await region.GetAsync())?.Capacity.GetValueOrDefault(when.Resource);
        var above = pool is { Usable: > 0 } && (double)pool.Reserved / pool.Usable > when.Above;
        var since = _state.AboveSince.TryGetValue(regionId, out var s) ? s : (DateTimeOffset?)null;
        if (above != since.HasValue)
        {
            _state = _state with { AboveSince = above ? _state.AboveSince.SetItem(regionId, now) : _state.AboveSince.Remove(regionId) };
            since = above ? now : null;
        }

        return since is { } from && now - from >= when.For;
    }

    /// <summary>Delivers until the target takes it or the attempts run out; false when the rule changed meanwhile.</summary>
    private async Task<bool> DeliverAsync(StoredRule rule, Uri target, byte[] key, string regionId, RegionEvent e)
    {
        var id = $"{Name}:{regionId}:{e.Version}";
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.Of(regionId, e), Json);
        var settings = options.Value;
        var sequence = _state.LastSequence + 1;
        for (var attempt = 1; ; attempt++)
        {
            var (status, error) = await sender.SendAsync(target, id, time.GetUtcNow(), body, key);
            if (!ReferenceEquals(_state.Rule, rule))
            {
                return false;
            }

            var outcome = error is null ? WebhookOutcome.Delivered : attempt >= settings.MaxAttempts ? WebhookOutcome.Failed : WebhookOutcome.Retrying;
            Record(new WebhookDelivery(sequence, id, regionId, e.Version, e.Kind, outcome, attempt, status, error, time.GetUtcNow()));
            if (outcome != WebhookOutcome.Retrying)
            {
                return true;
            }

            if (attempt == 1)
            {
                // Visible in the log while it retries; the cursor has not moved, so a crash now delivers it again.
                await SaveAsync(s => ReferenceEquals(s.Rule, rule) ? s : null);
            }

            // Exponential backoff with full jitter: a random wait up to min(cap, base × 2^(attempt−1)).
            var ceiling = Math.Min(settings.RetryCap.TotalMilliseconds, settings.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), time);
            if (!ReferenceEquals(_state.Rule, rule))
            {
                return false;
            }
        }
    }

    private void Record(WebhookDelivery delivery)
    {
        var log = _state.Deliveries;
        log = log.Count > 0 && log[^1].Sequence == delivery.Sequence ? log.SetItem(log.Count - 1, delivery) : log.Add(delivery);
        while (log.Count > options.Value.DeliveriesKept)
        {
            log = log.RemoveAt(0);
        }

        _state = _state with { Deliveries = log, LastSequence = delivery.Sequence };
    }

    /// <summary>
    /// Stores what <paramref name="change"/> makes of the state as it is when this save's turn comes (null: nothing
    /// to store), one save at a time. The grain is reentrant, so a put or a delete can arrive while the delivery loop
    /// saves its cursor: each save starts from the state and journal head the previous one left, so neither is refused
    /// as a conflict with the other, and a cursor saved for a rule just deleted does not bring the rule back.
    /// </summary>
    private async Task SaveAsync(Func<EventRuleState, EventRuleState?> change)
    {
        // Turns run one at a time, so taking the place at the end of the line needs no lock.
        var previous = _lastSave;
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lastSave = turn.Task;
        try
        {
            await previous;
            if (change(_state) is not { } next)
            {
                return;
            }

            try
            {
                await _cell.SaveAsync(next);
            }
            catch
            {
                // Whether it was stored is unknown, or another activation owns the rule: start again from the journal.
                DeactivateOnIdle();
                throw;
            }

            _state = next;
        }
        finally
        {
            turn.SetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook rule {Rule} could not catch up with its regions; it tries again at the next interval")]
    private partial void LogCatchUpFailed(Exception exception, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook rule {Rule} stopped delivering the events of {RegionId}; the catch-up resumes from its cursor")]
    private partial void LogDeliveryFailed(Exception exception, string rule, string regionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook rule {Rule} fell behind the history kept of {RegionId}: events after {Cursor} up to the oldest kept were dropped by compaction; it goes on from {Head}")]
    private partial void LogTruncated(string rule, string regionId, long cursor, long head);
}
