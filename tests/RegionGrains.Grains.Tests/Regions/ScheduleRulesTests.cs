using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Changes;
using static RegionGrains.Grains.Tests.Regions.PolicyRuleStates;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// Scheduled changes as pure rules: booked with an id, fired by <see cref="RegionRules.Expire"/> once their time has come
/// (as the system, naming who scheduled them), refused at firing time exactly as the immediate change would be (recorded
/// as a failure, nothing else changed), cancellable while pending, and idempotent on their id.
/// </summary>
public sealed class ScheduleRulesTests
{
    private static readonly DateTimeOffset Now = Context.Now;

    private static readonly ChangeContext System = new(Now, RegionActor.System);

    private static ChangeContext AtTime(DateTimeOffset at) => System with { Now = at };

    private static ScheduleRequest Maintenance(string id = "c1", int minutes = 10) =>
        new(id, Now.AddMinutes(minutes), RegionStatus.Maintenance, "planned works");

    private static ScheduleRequest Totals(string id, int minutes, params (string Resource, long Total)[] totals) =>
        new(id, Now.AddMinutes(minutes), Capacity: totals.ToImmutableSortedDictionary(t => t.Resource, t => t.Total, StringComparer.Ordinal));

    [Fact]
    public void AScheduledChangeIsPendingAndNothingElseChangesUntilItsTime()
    {
        var decision = Rules.Schedule(At(gpus: 10), Maintenance(), Context);

        Assert.Equal(RegionOutcome.Created, decision.Outcome);
        var state = Then(decision);
        Assert.Equal(RegionStatus.Online, state.Status);
        Assert.Equal(ScheduledChangeState.Pending, state.Schedule["c1"].State);
        Assert.Equal("policy-test", state.Schedule["c1"].ScheduledBy);
        Assert.Equal(Now.AddMinutes(10), RegionRules.NextExpiry(state));
        Assert.Null(Rules.Expire(state, AtTime(Now.AddMinutes(10).AddTicks(-1))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3_600)]
    public void AScheduledChangeFiresAtOrAfterItsTimeAsTheSystemNamingItsScheduler(int secondsLate)
    {
        var state = Then(Rules.Schedule(At(gpus: 10), Maintenance(), Context));

        var fired = Rules.Expire(state, AtTime(Now.AddMinutes(10).AddSeconds(secondsLate)))!.Value;

        Assert.Equal([RegionEventKind.StatusChanged, RegionEventKind.ScheduleFired], fired.Changes!.Select(c => c.Kind));
        var status = Assert.IsType<StatusChanged>(fired.Changes![0]);
        Assert.Equal(RegionActor.System, status.Actor);
        Assert.Equal("policy-test", status.ScheduledBy);
        Assert.Contains("scheduled by policy-test", status.Describe());
        Assert.Equal("planned works", status.Reason);
        var after = fired.Next!;
        Assert.Equal(RegionStatus.Maintenance, after.Status);
        Assert.Empty(after.Schedule);
        Assert.Equal(ScheduledChangeState.Fired, after.ScheduleEnded["c1"].State);
        Assert.Null(RegionRules.NextExpiry(after));
    }

    [Fact]
    public void ChangesFireInTheirOrderOfTimeAndAfterReservationsThatEndAtTheSameInstant()
    {
        var state = Then(Rules.Reserve(At(gpus: 10), new ReservationRequest("ends", "gpus", 8, TtlSeconds: 600), Context));
        state = Then(Rules.Schedule(state, Totals("later", 20, ("gpus", 4)), Context));
        state = Then(Rules.Schedule(state, Totals("first", 10, ("gpus", 6)), Context));

        var fired = Rules.Expire(state, AtTime(Now.AddMinutes(30)))!.Value;

        // "first" lowers gpus to 6 at the instant the 8-gpu reservation ends, so it fits only after that end.
        Assert.Equal(
            [RegionEventKind.Expired, RegionEventKind.CapacitySet, RegionEventKind.ScheduleFired, RegionEventKind.CapacitySet, RegionEventKind.ScheduleFired],
            fired.Changes!.Select(c => c.Kind));
        Assert.Equal(4, fired.Next!.Capacity["gpus"].Total);
        Assert.Equal(["first", "later"], fired.Changes!.OfType<ScheduledChangeFinished>().Select(f => f.ChangeId));
    }

    [Fact]
    public void AChangeRefusedAtItsTimeIsRecordedAsAFailureWithTheRefusalAndChangesNothingElse()
    {
        var state = Then(Rules.Reserve(At(gpus: 10), new ReservationRequest("held", "gpus", 7), Context));
        state = Then(Rules.Schedule(state, new ScheduleRequest("shrink", Now.AddMinutes(5), RegionStatus.Maintenance, "works", ImmutableSortedDictionary<string, long>.Empty.Add("gpus", 5)), Context));

        var fired = Rules.Expire(state, AtTime(Now.AddMinutes(5)))!.Value;

        var failure = Assert.IsType<ScheduledChangeFinished>(Assert.Single(fired.Changes!));
        Assert.Equal(RegionEventKind.ScheduleFailed, failure.Kind);
        Assert.Contains("cannot go below", failure.Refusal);
        var after = fired.Next!;
        Assert.Equal(RegionStatus.Online, after.Status);
        Assert.Equal(10, after.Capacity["gpus"].Total);
        Assert.Equal(ScheduledChangeState.Failed, after.ScheduleEnded["shrink"].State);
        Assert.Equal(failure.Refusal, after.ScheduleEnded["shrink"].Detail);
    }

    [Fact]
    public void ATransitionTheLifecycleDoesNotAllowAtItsTimeFailsNamingTheAllowedTargets()
    {
        var state = Then(Rules.Schedule(At(gpus: 10), new ScheduleRequest("plan", Now.AddMinutes(1), RegionStatus.Planned, "back to plan"), Context));

        var failure = (ScheduledChangeFinished)Rules.Expire(state, AtTime(Now.AddMinutes(1)))!.Value.Changes!.Single();

        Assert.Equal("A region in Online cannot move to Planned. Allowed: Degraded, Maintenance, Offline.", failure.Refusal);
    }

    [Fact]
    public void APendingChangeCanBeCancelledAndThenNeverFires()
    {
        var state = Then(Rules.Schedule(At(gpus: 10), Maintenance(), Context));

        var cancelled = Rules.CancelScheduled(state, "c1", Context);

        Assert.Equal(RegionOutcome.Ok, cancelled.Outcome);
        var after = Then(cancelled);
        Assert.Equal(ScheduledChangeState.Cancelled, after.ScheduleEnded["c1"].State);
        Assert.Equal("policy-test", after.ScheduleEnded["c1"].CancelledBy);
        Assert.Null(RegionRules.NextExpiry(after));
        Assert.Null(Rules.Expire(after, AtTime(Now.AddDays(1))));
        Assert.Equal(RegionOutcome.Ok, Rules.CancelScheduled(after, "c1", Context).Outcome);
        Assert.Null(Rules.CancelScheduled(after, "c1", Context).Next);
    }

    [Fact]
    public void AFiredChangeCannotBeCancelledAndAnUnknownOneIsNotFound()
    {
        var state = Then(Rules.Schedule(At(gpus: 10), Maintenance(), Context));
        var fired = Rules.Expire(state, AtTime(Now.AddHours(1)))!.Value.Next!;

        Assert.Equal(RegionOutcome.AlreadyFired, Rules.CancelScheduled(fired, "c1", Context).Outcome);
        Assert.Equal(RegionOutcome.NotFound, Rules.CancelScheduled(fired, "nope", Context).Outcome);
    }

    [Fact]
    public void TheChangeIdIsAnIdempotencyKey()
    {
        var state = Then(Rules.Schedule(At(gpus: 10), Maintenance(), Context));

        var replay = Rules.Schedule(state, Maintenance(), Context);
        var other = Rules.Schedule(state, Maintenance(minutes: 11), Context);

        Assert.Equal(RegionOutcome.Replayed, replay.Outcome);
        Assert.Null(replay.Next);
        Assert.Equal(state.Schedule["c1"], replay.Scheduled);
        Assert.Equal(RegionOutcome.ChangeIdReused, other.Outcome);

        // Still answered as the same change once it has fired: a late retry does not book it again.
        var fired = Rules.Expire(state, AtTime(Now.AddHours(1)))!.Value.Next!;
        Assert.Equal(ScheduledChangeState.Fired, Rules.Schedule(fired, Maintenance(), Context).Scheduled!.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3_654 * 24 * 60)]
    public void AnInstantNotInTheFutureOrBeyondTenYearsIsInvalid(int minutes)
    {
        var decision = Rules.Schedule(At(gpus: 10), Maintenance(minutes: minutes), Context);

        Assert.Equal(RegionOutcome.Invalid, decision.Outcome);
        Assert.Equal(ValidationMessages.At, decision.Detail);
    }

    [Fact]
    public void AChangeThatChangesNothingOrAStatusWithoutReasonIsInvalid()
    {
        Assert.Equal(ValidationMessages.ScheduledNothing, Rules.Schedule(At(gpus: 10), new ScheduleRequest("x", Now.AddMinutes(1)), Context).Detail);
        Assert.Equal(ValidationMessages.Reason, Rules.Schedule(At(gpus: 10), new ScheduleRequest("x", Now.AddMinutes(1), RegionStatus.Offline), Context).Detail);
        Assert.Equal(ValidationMessages.ScheduledCapacity, Rules.Schedule(At(gpus: 10), Totals("x", 1, ("Bad-Name", 1)), Context).Detail);
    }

    [Fact]
    public void ScheduledChangesAreRebuiltByReplayingTheirChanges()
    {
        var state = Then(Rules.Schedule(At(gpus: 10), Maintenance("a"), Context));
        state = Then(Rules.Schedule(state, Totals("b", 20, ("gpus", 12)), Context));
        state = Then(Rules.CancelScheduled(state, "a", Context));
        var decision = Rules.Expire(state, AtTime(Now.AddMinutes(20)))!.Value;

        var replayed = decision.Changes!.Aggregate(state, Rules.Apply);

        Assert.Equal(decision.Next!.ScheduleEnded, replayed.ScheduleEnded);
        Assert.Equal(12, replayed.Capacity["gpus"].Total);
        Assert.Equal(["b", "a"], RegionRules.ListSchedule(replayed).Select(c => c.ChangeId));
    }
}
