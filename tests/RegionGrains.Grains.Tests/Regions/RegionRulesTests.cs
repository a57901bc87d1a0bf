using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>
/// The domain rules on their own: state in, decision out, no cluster, milliseconds for the whole class.
/// The expected tables are written out here, independently of <see cref="RegionLifecycle"/>.
/// </summary>
public sealed class RegionRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChangeContext Context = new(Start, "rules-test");
    private static readonly RegionRules Rules = new(new RegionGrainOptions());
    private static readonly RegionDefinition DataCenter = new("Rules test", "BR", Geography.Americas, -23.5, -46.6);

    /// <summary>Every allowed move, as the design contract lists it; every other pair is refused.</summary>
    private static readonly (RegionStatus From, RegionStatus To)[] Allowed =
    [
        (RegionStatus.Planned, RegionStatus.UnderConstruction), (RegionStatus.Planned, RegionStatus.Decommissioned),
        (RegionStatus.UnderConstruction, RegionStatus.Launching), (RegionStatus.UnderConstruction, RegionStatus.Decommissioned),
        (RegionStatus.Launching, RegionStatus.Online), (RegionStatus.Launching, RegionStatus.UnderConstruction),
        (RegionStatus.Online, RegionStatus.Degraded), (RegionStatus.Online, RegionStatus.Maintenance), (RegionStatus.Online, RegionStatus.Offline),
        (RegionStatus.Degraded, RegionStatus.Online), (RegionStatus.Degraded, RegionStatus.Maintenance), (RegionStatus.Degraded, RegionStatus.Offline),
        (RegionStatus.Maintenance, RegionStatus.Online), (RegionStatus.Maintenance, RegionStatus.Degraded), (RegionStatus.Maintenance, RegionStatus.Offline),
        (RegionStatus.Offline, RegionStatus.Online), (RegionStatus.Offline, RegionStatus.Maintenance), (RegionStatus.Offline, RegionStatus.Decommissioned),
    ];

    private static readonly RegionStatus[] Accepting = [RegionStatus.Launching, RegionStatus.Online, RegionStatus.Degraded];

    public static TheoryData<RegionStatus, RegionStatus, bool> EveryPairOfStatuses()
    {
        var data = new TheoryData<RegionStatus, RegionStatus, bool>();
        foreach (var from in Enum.GetValues<RegionStatus>())
        {
            foreach (var to in Enum.GetValues<RegionStatus>())
            {
                data.Add(from, to, Allowed.Contains((from, to)));
            }
        }

        return data;
    }

    public static TheoryData<RegionStatus, bool> EveryStatus()
    {
        var data = new TheoryData<RegionStatus, bool>();
        foreach (var status in Enum.GetValues<RegionStatus>())
        {
            data.Add(status, Accepting.Contains(status));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPairOfStatuses))]
    public void AStatusChangeIsAllowedExactlyWhenTheLifecycleTableListsIt(RegionStatus from, RegionStatus to, bool allowed)
    {
        var state = At(from);

        var decision = Rules.ChangeStatus(state, to, "table", Context);

        if (allowed)
        {
            Assert.Equal(RegionOutcome.Ok, decision.Outcome);
            Assert.Equal(to, decision.Next!.Status);
            Assert.Equal(state.Version + 1, decision.Next.Version);
            Assert.Single(decision.Changes!);
        }
        else
        {
            Assert.Equal(RegionOutcome.InvalidTransition, decision.Outcome);
            Assert.Null(decision.Next);
            Assert.Null(decision.Changes);
            Assert.Equal(Allowed.Where(t => t.From == from).Select(t => t.To).Order(), decision.AllowedTargets!.Order());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AStatusChangeWithoutAReasonIsInvalid(string? reason)
    {
        var decision = Rules.ChangeStatus(At(RegionStatus.Planned), RegionStatus.UnderConstruction, reason, Context);

        Assert.Equal(RegionOutcome.Invalid, decision.Outcome);
        Assert.Null(decision.Next);
    }

    [Fact]
    public void AReasonLongerThanFiveHundredCharactersIsInvalidAndFiveHundredIsEnough()
    {
        var state = At(RegionStatus.Planned);

        Assert.Equal(RegionOutcome.Invalid, Rules.ChangeStatus(state, RegionStatus.UnderConstruction, new string('r', 501), Context).Outcome);
        Assert.Equal(RegionOutcome.Ok, Rules.ChangeStatus(state, RegionStatus.UnderConstruction, new string('r', 500), Context).Outcome);
    }

    [Fact]
    public void DecommissioningIsRefusedWhileAReservationIsHeldAndAllowedOnceItIsReleased()
    {
        var holding = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("held", 4), Context));
        var offline = Then(Rules.ChangeStatus(holding, RegionStatus.Offline, "closing", Context));

        var refused = Rules.ChangeStatus(offline, RegionStatus.Decommissioned, "closing", Context);
        var released = Then(Rules.Release(offline, "held", Context));

        Assert.Equal(RegionOutcome.ReservationsHeld, refused.Outcome);
        Assert.Null(refused.Next);
        Assert.Equal(RegionOutcome.Ok, Rules.ChangeStatus(released, RegionStatus.Decommissioned, "closing", Context).Outcome);
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void OnlyLaunchingOnlineAndDegradedRegionsAcceptReservations(RegionStatus status, bool accepts)
    {
        var decision = Rules.Reserve(At(status, gpus: 10), Request("r-1", 3), Context);

        Assert.Equal(accepts ? RegionOutcome.Created : RegionOutcome.NotAccepting, decision.Outcome);
        Assert.Equal(accepts ? 3 : null, decision.Next?.Capacity["gpus"].Reserved);
    }

    [Fact]
    public void ReplayingAReservationReturnsTheOriginalAndChangesNothing()
    {
        var first = Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("same", 3), Context);

        var replay = Rules.Reserve(first.Next!, Request("same", 3), Context);

        Assert.Equal(RegionOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Reservation, replay.Reservation);
        Assert.Null(replay.Next);
    }

    [Fact]
    public void AReservationIdIsNeverReusedForAnotherBodyOrAfterItEnded()
    {
        var held = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("once", 3), Context));
        var released = Then(Rules.Release(held, "once", Context));

        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(held, Request("once", 4), Context).Outcome);
        Assert.Equal(RegionOutcome.ReservationIdReused, Rules.Reserve(released, Request("once", 3), Context).Outcome);
        Assert.Equal(0, released.Capacity["gpus"].Reserved);
    }

    [Fact]
    public void ReservingMoreThanIsAvailableOrFromAMissingPoolIsInsufficientCapacity()
    {
        var state = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("a", 8), Context));

        Assert.Equal(RegionOutcome.InsufficientCapacity, Rules.Reserve(state, Request("b", 3), Context).Outcome);
        Assert.Equal(RegionOutcome.Created, Rules.Reserve(state, Request("c", 2), Context).Outcome);
        Assert.Equal(RegionOutcome.InsufficientCapacity, Rules.Reserve(state, new ReservationRequest("d", "racks", 1), Context).Outcome);
    }

    [Fact]
    public void ACapacityTotalCannotGoBelowWhatIsReservedButMayEqualIt()
    {
        var state = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("a", 6), Context));

        var below = Rules.SetCapacity(state, "gpus", 5, Context);
        var equal = Rules.SetCapacity(state, "gpus", 6, Context);

        Assert.Equal(RegionOutcome.BelowReserved, below.Outcome);
        Assert.Null(below.Next);
        Assert.Equal(new CapacityPool(6, 6), equal.Next!.Capacity["gpus"]);
    }

    [Fact]
    public void RepeatingAnEffectiveCommandChangesNothing()
    {
        var state = At(RegionStatus.Online, gpus: 10);

        Assert.Null(Rules.SetCapacity(state, "gpus", 10, Context).Changes);
        Assert.Null(Rules.Define(state, DataCenter, null, Context).Changes);
        Assert.Null(Rules.Seed(state, DataCenter, RegionStatus.Planned, new Dictionary<string, long>(), Context).Changes);
    }

    [Fact]
    public void AReservationExpiresWhenItsLifetimeHasPassedAndNotBefore()
    {
        var state = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("ttl", 4, ttlSeconds: 60), Context));

        var early = Rules.Expire(state, Context with { Now = Start.AddSeconds(59) });
        var due = Rules.Expire(state, Context with { Now = Start.AddSeconds(60) });

        Assert.Null(early);
        Assert.Equal(Start.AddSeconds(60), RegionRules.NextExpiry(state));
        Assert.Empty(due!.Value.Next!.Reservations);
        Assert.Equal(0, due.Value.Next.Capacity["gpus"].Reserved);
        Assert.Contains("ttl", due.Value.Next.FinishedReservationIdSet);
        Assert.Null(RegionRules.NextExpiry(due.Value.Next));
    }

    [Fact]
    public void CommandsOnARegionThatDoesNotExistAreNotFound()
    {
        var empty = RegionState.Empty;

        Assert.Equal(RegionOutcome.NotFound, Rules.ChangeStatus(empty, RegionStatus.UnderConstruction, "why", Context).Outcome);
        Assert.Equal(RegionOutcome.NotFound, Rules.SetCapacity(empty, "gpus", 1, Context).Outcome);
        Assert.Equal(RegionOutcome.NotFound, Rules.Reserve(empty, Request("r", 1), Context).Outcome);
        Assert.Equal(RegionOutcome.NotFound, Rules.Release(empty, "r", Context).Outcome);
    }

    /// <summary>
    /// Where an expected version (HTTP If-Match) is checked: after the region is found, before anything else, except that
    /// a request already applied is answered as applied. Written out per command, with what each answers when stale.
    /// </summary>
    public static TheoryData<string, RegionOutcome> StaleCommands() => new()
    {
        { "status to an allowed target", RegionOutcome.VersionMismatch },
        { "status to a refused target", RegionOutcome.VersionMismatch },
        { "capacity to a new total", RegionOutcome.VersionMismatch },
        { "capacity below what is reserved", RegionOutcome.VersionMismatch },
        { "capacity to the total it has", RegionOutcome.Ok },
        { "a new reservation", RegionOutcome.VersionMismatch },
        { "a reservation beyond what is available", RegionOutcome.VersionMismatch },
        { "a replayed reservation", RegionOutcome.Replayed },
        { "a reused reservation id", RegionOutcome.VersionMismatch },
        { "a release", RegionOutcome.VersionMismatch },
        { "a release of what is not held", RegionOutcome.NotFound },
        { "any command on a missing region", RegionOutcome.NotFound },
    };

    [Theory]
    [MemberData(nameof(StaleCommands))]
    public void AStaleExpectedVersionIsCheckedAfterTheRegionIsFoundAndBeforeAnythingElse(string command, RegionOutcome expected)
    {
        var state = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("held", 4), Context));
        var stale = state.Version - 1;

        var decision = command switch
        {
            "status to an allowed target" => Rules.ChangeStatus(state, RegionStatus.Degraded, "x", Context, stale),
            "status to a refused target" => Rules.ChangeStatus(state, RegionStatus.Planned, "x", Context, stale),
            "capacity to a new total" => Rules.SetCapacity(state, "gpus", 20, Context, stale),
            "capacity below what is reserved" => Rules.SetCapacity(state, "gpus", 1, Context, stale),
            "capacity to the total it has" => Rules.SetCapacity(state, "gpus", 10, Context, stale),
            "a new reservation" => Rules.Reserve(state, Request("new", 1), Context, stale),
            "a reservation beyond what is available" => Rules.Reserve(state, Request("big", 7), Context, stale),
            "a replayed reservation" => Rules.Reserve(state, Request("held", 4), Context, stale),
            "a reused reservation id" => Rules.Reserve(state, Request("held", 5), Context, stale),
            "a release" => Rules.Release(state, "held", Context, stale),
            "a release of what is not held" => Rules.Release(state, "never", Context, stale),
            _ => Rules.Reserve(RegionState.Empty, Request("any", 1), Context, 0),
        };

        Assert.Equal(expected, decision.Outcome);
        Assert.Null(decision.Next);
    }

    [Fact]
    public void TheExpectedVersionWhenCurrentLetsEveryCommandDecideAsWithoutIt()
    {
        var state = Then(Rules.Reserve(At(RegionStatus.Online, gpus: 10), Request("held", 4), Context));

        Assert.Equal(RegionOutcome.Ok, Rules.ChangeStatus(state, RegionStatus.Degraded, "x", Context, state.Version).Outcome);
        Assert.Equal(RegionOutcome.Ok, Rules.SetCapacity(state, "gpus", 20, Context, state.Version).Outcome);
        Assert.Equal(RegionOutcome.BelowReserved, Rules.SetCapacity(state, "gpus", 1, Context, state.Version).Outcome);
        Assert.Equal(RegionOutcome.Created, Rules.Reserve(state, Request("new", 1), Context, state.Version).Outcome);
        Assert.Equal(RegionOutcome.InsufficientCapacity, Rules.Reserve(state, Request("big", 7), Context, state.Version).Outcome);
        Assert.Equal(RegionOutcome.Ok, Rules.Release(state, "held", Context, state.Version).Outcome);
        Assert.Equal(RegionOutcome.Created, Rules.Define(RegionState.Empty, DataCenter, 0, Context).Outcome);
    }

    private static ReservationRequest Request(string id, long amount, int? ttlSeconds = null) => new(id, "gpus", amount, ttlSeconds);

    /// <summary>A data center seeded straight into <paramref name="status"/>, with a gpus pool when asked.</summary>
    private static RegionState At(RegionStatus status, long? gpus = null)
    {
        var capacity = gpus is { } total ? new Dictionary<string, long> { ["gpus"] = total } : [];
        return Then(Rules.Seed(RegionState.Empty, DataCenter, status, capacity, Context));
    }

    private static RegionState Then(RegionDecision decision)
    {
        Assert.True(decision.Next is not null, $"Expected a change, got {decision.Outcome}: {decision.Detail}");
        return decision.Next;
    }
}
