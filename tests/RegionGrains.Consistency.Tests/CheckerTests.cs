using RegionGrains.HistoryChecking.Checking;

namespace RegionGrains.Consistency.Tests;

/// <summary>The checker on small hand-written histories, linearizable and not (times in microseconds).</summary>
public sealed class CheckerTests
{
    [Fact]
    public void ConcurrentReservationsAndAReadBetweenThemAreLinearizable()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, 10, "a1", 2)
            .Reserve("b", 1, 12, "b1", 1)
            .Read("c", 2, 5, version: 11, reserved: 1) // b1 took effect first
            .Read("c", 13, 14, version: 12, reserved: 3);

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
        Assert.Empty(history.WeakFindings());
    }

    [Fact]
    public void ALostAcknowledgedReservationIsAViolation()
    {
        var history = new HistoryBuilder(total: 5)
            .Reserve("a", 0, 10, "a1", 2)
            .ReadReservation("b", 20, 25, "a1", "NotFound")
            .Read("b", 26, 30, version: 10, reserved: 0);

        var result = history.Check();
        Assert.Equal(Verdict.Violation, result.Verdict);
        Assert.Contains(history.WeakFindings(), f => f.StartsWith("lost acknowledged reservation", StringComparison.Ordinal));
        Assert.Contains(history.WeakFindings(), f => f.StartsWith("read older than a write", StringComparison.Ordinal));
    }

    [Fact]
    public void AStaleReadAfterAnAcknowledgedChangeIsAViolation()
    {
        var history = new HistoryBuilder(total: 5)
            .SetTotal("a", 0, 10, 8, version: 11)
            .Read("b", 20, 25, version: 10, reserved: 0, total: 5);

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
        Assert.Contains(history.WeakFindings(), f => f.StartsWith("read older than a write", StringComparison.Ordinal));
    }

    [Fact]
    public void AReadConcurrentWithTheChangeMaySeeEitherSide()
    {
        var history = new HistoryBuilder(total: 5)
            .SetTotal("a", 0, 10, 8, version: 11)
            .Read("b", 5, 25, version: 10, reserved: 0, total: 5)
            .Read("c", 6, 26, version: 11, reserved: 0, total: 8);

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
    }

    [Fact]
    public void TwoReservationsThatTogetherExceedTheTotalCannotBothBeAcknowledged()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, 10, "a1", 2)
            .Reserve("b", 0, 10, "b1", 2);

        var result = history.Check();
        Assert.Equal(Verdict.Violation, result.Verdict);
        Assert.Contains("a1", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AReadShowingMoreReservedThanTheTotalIsOverAllocation()
    {
        var history = new HistoryBuilder(total: 3)
            .Read("a", 0, 1, version: 12, reserved: 4);

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
        Assert.Contains(history.WeakFindings(), f => f.StartsWith("over-allocated", StringComparison.Ordinal));
    }

    [Fact]
    public void AVersionGoingBackBetweenReadsInRealTimeOrderIsAViolation()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, 50, "a1", 1)
            .Read("b", 1, 5, version: 11, reserved: 1)
            .Read("c", 6, 9, version: 10, reserved: 0);

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
        Assert.Contains(history.WeakFindings(), f => f.StartsWith("version went back", StringComparison.Ordinal));
    }

    [Fact]
    public void ARefusalForCapacityWhileCapacityWasFreeIsAViolation()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, 10, "a1", 2, refused: "insufficient-capacity");

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
    }

    [Fact]
    public void AnUnknownReservationMayHaveTakenEffectLater()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, null, "a1", 2)
            .Read("b", 10, 11, version: 10, reserved: 0)
            .Read("b", 20, 21, version: 11, reserved: 2)
            .Reserve("c", 30, 40, "c1", 2, refused: "insufficient-capacity");

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
    }

    [Fact]
    public void UnknownReservationsThatTheirReplaysSettleAreDecidedWithoutCarryingThemToTheEnd()
    {
        // 30 reservations time out and their replays then create them: the originals never took effect. Carried to the
        // end of the history, each could still be placed after any later operation (2^30 sets of them); settled by the
        // replay's answer, the search is a straight line.
        var history = new HistoryBuilder(total: 100);
        for (var i = 0; i < 30; i++)
        {
            var at = i * 100L;
            history
                .Reserve($"c{i}", at, null, $"u{i}", 1)
                .Reserve($"c{i}", at + 10, at + 20, $"u{i}", 1, created: true)
                .Read("r", at + 30, at + 40, version: 11 + i, reserved: i + 1);
        }

        var result = history.Check(budget: 10_000);

        Assert.True(result.Verdict == Verdict.Ok, result.Describe());
    }

    [Fact]
    public void UnknownResendsOfOneOperationAreSearchedAsOneAndStillDecideBothWays()
    {
        // What a paused silo leaves: 8 clients each send a reservation three times without an answer, then once more
        // after the silo is back, which is answered as made (201) or as a replay (200). Each resend could otherwise be
        // the one that took effect, in any order with the others (3^8 choices and their orders).
        HistoryBuilder Paused(bool oneSurvives)
        {
            var history = new HistoryBuilder(total: 100);
            for (var i = 0; i < 8; i++)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    history.Reserve($"c{i}", (attempt * 1_000L) + i, null, $"u{i}", 1);
                }
            }

            for (var i = 0; i < 8; i++)
            {
                history.Reserve($"c{i}", 5_000 + (i * 10), 5_005 + (i * 10), $"u{i}", 1, created: !(oneSurvives && i == 0));
            }

            return history.Read("r", 6_000, 6_010, version: 18, reserved: 8);
        }

        Assert.True(Paused(oneSurvives: false).Check(budget: 10_000) is { Verdict: Verdict.Ok }, "every first try lost");
        Assert.True(Paused(oneSurvives: true).Check(budget: 10_000) is { Verdict: Verdict.Ok }, "one first try took effect");

        // A replay answer for an id no attempt of which can have made it (all were sent after it was refused) is wrong.
        var impossible = new HistoryBuilder(total: 1)
            .Reserve("h", 0, 10, "h0", 1, created: true)
            .Reserve("c", 20, null, "u", 1)
            .Reserve("c", 30, null, "u", 1)
            .Read("r", 40, 50, version: 11, reserved: 1)
            .Reserve("c", 60, 70, "u", 1, created: false);
        Assert.Equal(Verdict.Violation, impossible.Check(budget: 10_000).Verdict);
    }

    [Fact]
    public void UnknownReservationsThatLaterFoundTheirIdNotHeldAreDecidedWithoutTryingThemEverywhere()
    {
        // What a partition leaves: 20 reservations time out while the pool is full, and their clients' retries are
        // refused for capacity; at the end each id reads as not found. Meanwhile a holder takes and gives back the
        // whole pool. Anywhere it is full, each unknown reservation could be placed as a refusal or not (2^20 sets of
        // them); anywhere it has room it could have taken effect. The refused retries and the reads show none took
        // effect before them, so none is tried before the last of those.
        var history = new HistoryBuilder(total: 1);
        var clock = 0L;
        for (var i = 0; i < 20; i++)
        {
            history.Reserve($"c{i}", clock + i, null, $"u{i}", 1);
        }

        for (var j = 0; j < 20; j++)
        {
            history
                .Reserve("h", clock + 100, clock + 110, $"h{j}", 1)
                .Read("r", clock + 120, clock + 130, version: 11 + (2 * j), reserved: 1)
                .Reserve($"c{j}", clock + 140, clock + 150, $"u{j}", 1, refused: "insufficient-capacity")
                .Release("h", clock + 160, clock + 170, $"h{j}")
                .Read("r", clock + 180, clock + 190, version: 12 + (2 * j), reserved: 0);
            clock += 100;
        }

        for (var i = 0; i < 20; i++)
        {
            history.ReadReservation("audit", clock + 200 + (10 * i), clock + 205 + (10 * i), $"u{i}", "NotFound");
        }

        var result = history.Check(budget: 100_000);

        Assert.True(result.Verdict == Verdict.Ok, result.Describe());
    }

    [Fact]
    public void AnUnknownReservationFoundNotHeldMayStillTakeEffectAfterwards()
    {
        var history = new HistoryBuilder(total: 1)
            .Reserve("h", 0, 5, "h1", 1)
            .Reserve("c", 6, null, "u", 1)
            .Reserve("c", 10, 20, "u", 1, refused: "insufficient-capacity")
            .ReadReservation("r", 30, 40, "u", "NotFound")
            .Release("h", 45, 50, "h1")
            .Read("r", 60, 70, version: 13, reserved: 1);

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
    }

    [Fact]
    public void AFullPoolDoesNotHideAnUnknownReservationThatTookEffectOnceThereWasRoom()
    {
        var history = new HistoryBuilder(total: 2)
            .Reserve("a", 0, 10, "a1", 2)
            .Reserve("c", 20, null, "c1", 1)
            .Read("r", 30, 40, version: 11, reserved: 2)
            .Release("a", 50, 60, "a1")
            .Read("r", 70, 80, version: 13, reserved: 1);

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
    }

    [Fact]
    public void AnUnknownReservationSettledByAReplayMustHaveTakenEffectBeforeIt()
    {
        // The replay answers 200 (the id was already held), so the original took effect before the replay completed:
        // a read after the replay that does not show it is stale.
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, null, "a1", 2)
            .Reserve("a", 10, 20, "a1", 2, created: false)
            .Read("b", 30, 40, version: 10, reserved: 0);

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
    }

    [Fact]
    public void AnUnknownReservationMayNeverHaveTakenEffect()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, null, "a1", 2)
            .Reserve("c", 30, 40, "c1", 3)
            .Read("b", 50, 51, version: 11, reserved: 3);

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
    }

    [Fact]
    public void AnUnknownReservationCannotTakeEffectBeforeItWasSent()
    {
        var history = new HistoryBuilder(total: 3)
            .Read("b", 0, 5, version: 11, reserved: 2)
            .Reserve("a", 10, null, "a1", 2);

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
    }

    [Fact]
    public void AReplayIsAnsweredAsTheReservationHeldAndAReleasedIdIsNotHeldAgain()
    {
        var history = new HistoryBuilder(total: 3)
            .Reserve("a", 0, 10, "a1", 2)
            .Reserve("a", 11, 12, "a1", 2, created: false)
            .Release("a", 13, 14, "a1")
            .Reserve("a", 15, 16, "a1", 2, refused: "reservation-id-reused")
            .ReadReservation("b", 17, 18, "a1", "Released");

        Assert.Equal(Verdict.Ok, history.Check().Verdict);
        Assert.Empty(history.WeakFindings());
    }

    [Fact]
    public void AReservationAcceptedInMaintenanceIsAViolation()
    {
        var history = new HistoryBuilder(total: 3)
            .SetStatus("a", 0, 10, "Maintenance", version: 11)
            .Reserve("b", 20, 30, "b1", 1);

        Assert.Equal(Verdict.Violation, history.Check().Verdict);
    }

    [Fact]
    public void ThousandsOfConcurrentOperationsCheckWithinSeconds()
    {
        // Eight clients, each with one call in flight at a time, against a sequential reference run: what a recorder
        // produces on a healthy region, with some answers lost (unknown).
        var random = new Random(7);
        var history = new HistoryBuilder(total: 12);
        var reference = ModelState.Initial(12, 0, "Online", 10);
        var clock = 0L;
        var inFlight = new List<(string Client, long From, Func<long, HistoryBuilder> Finish)>();
        for (var i = 0; i < 4000; i++)
        {
            var client = $"c{i % 8}";
            var from = clock;
            clock += 3;
            var kind = random.Next(4);
            var id = $"{client}-{i}";
            switch (kind)
            {
                case 0 or 1:
                    var amount = random.Next(1, 4);
                    var fits = reference.Reserved + amount <= reference.Total;
                    reference = fits ? reference.WithHeld(id, amount) : reference;
                    var lost = random.Next(50) == 0;
                    history.Reserve(client, from, lost ? null : clock, id, amount, refused: fits ? null : "insufficient-capacity");
                    break;
                case 2 when reference.Held.Count > 0:
                    var victim = reference.Held.Keys.ElementAt(random.Next(reference.Held.Count));
                    reference = reference.WithEnded(victim);
                    history.Release(client, from, clock, victim);
                    break;
                default:
                    history.Read(client, from, clock, reference.Version, reference.Reserved, reference.Total);
                    break;
            }

            clock += 1;
        }

        var result = history.Check();
        Assert.True(result.Verdict == Verdict.Ok, result.Describe());
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"{result.Operations} ops took {result.Elapsed}");
    }

    [Fact]
    public void ASearchThatRunsOutOfBudgetSaysUnknownNotOk()
    {
        var history = new HistoryBuilder(total: 100);
        for (var i = 0; i < 30; i++)
        {
            history.Reserve($"c{i}", i, null, $"x{i}", 1);
        }

        history.Read("r", 100, 101, version: 10 + 15, reserved: 14);
        var result = history.Check(budget: 1_000);
        Assert.Equal(Verdict.Unknown, result.Verdict);
    }
}
