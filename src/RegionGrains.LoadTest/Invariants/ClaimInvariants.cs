using System.Collections.Concurrent;
using System.Diagnostics;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>
/// The checks of a run that made claims or held capacity for its project, after load has stopped:
/// <list type="bullet">
/// <item><b>claims whole</b>: once no region of the run has a change pending and no consumer of the run is completing
/// one (waiting up to the settle timeout), the <c>claim:{consumer}</c> reservations held in the run's regions are
/// exactly each consumer's allocations: no claim is held in part;</item>
/// <item><b>usages match holds</b>: the service's usage of the run's project equals the sum over the reservations
/// the run's regions hold naming it (waiting, up to the settle timeout, for the partitions' copies to catch up);</item>
/// <item><b>acknowledged claims present</b>: each consumer's allocations are those of its last acknowledged claim (or
/// of a later claim whose answer was lost to a fault, which may have taken effect), and nothing when none was.</item>
/// </list>
/// Only regions the run asked to hold something for its project can hold a claim or a reservation naming it, so only
/// theirs are listed.
/// </summary>
public static class ClaimInvariants
{
    private const int ReadConcurrency = 64;

    public sealed record Results(InvariantCheck ClaimsWhole, InvariantCheck UsagesMatchHolds, InvariantCheck AcknowledgedClaimsPresent);

    public static async Task<Results> CheckAsync(IRegionSource regionSource, IHoldingsSource? source, RegionSet regions, TimeSpan settleTimeout, CancellationToken cancellationToken)
    {
        var claimed = regions.Consumers.Claimed.ToList();
        var noClaims = InvariantCheck.NotApplicable("the run made no claims");
        var noProject = InvariantCheck.NotApplicable("the run held nothing for a project");
        if (!regions.UsedProject)
        {
            return new Results(noClaims, noProject, noClaims);
        }

        if (source is null)
        {
            var unread = InvariantCheck.NotApplicable("this source cannot read reservations, consumers or usages");
            return new Results(unread, unread, unread);
        }

        var keys = regions.ProjectHoldKeys().ToList();
        var (settled, waited, pending) = await WaitForQuiescenceAsync(regionSource, source, regions, keys, claimed, settleTimeout, cancellationToken);
        var held = new ConcurrentDictionary<string, IReadOnlyList<ReservationView>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys, ReadOptions(cancellationToken), async (key, ct) =>
            held[regions.Ids[key]] = await source.ListReservationsAsync(regions.Ids[key], ct) ?? []);

        var consumers = new ConcurrentDictionary<string, ConsumerStateView>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(claimed, ReadOptions(cancellationToken), async (ledger, ct) =>
            consumers[ledger.Name] = await source.GetConsumerAsync(ledger.Name, ct));

        var whole = claimed.Count == 0 ? noClaims : ClaimsWhole(claimed, consumers, held, settled, waited, pending);
        var acknowledged = claimed.Count == 0 ? noClaims : AcknowledgedClaims(claimed, consumers);
        var usages = await UsagesAsync(source, regions.Project, held, settleTimeout, cancellationToken);
        return new Results(whole, usages, acknowledged);
    }

    /// <summary>
    /// Waits until no region of <paramref name="keys"/> has a change pending and no consumer of <paramref name="claimed"/>
    /// is completing one. After load has stopped no change begins, so a region seen with none stays so; it is read
    /// again only while some are pending, and all of them once more at the end.
    /// </summary>
    private static async Task<(bool Settled, TimeSpan Waited, string Pending)> WaitForQuiescenceAsync(
        IRegionSource regionSource, IHoldingsSource source, RegionSet regions, List<int> keys, List<ConsumerLedger> claimed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var candidates = keys;
        while (true)
        {
            var pendingRegions = new ConcurrentBag<int>();
            await Parallel.ForEachAsync(candidates, ReadOptions(cancellationToken), async (key, ct) =>
            {
                if (await regionSource.GetAsync(regions.Ids[key], ct) is { PendingChanges: > 0 })
                {
                    pendingRegions.Add(key);
                }
            });

            var pendingConsumers = new ConcurrentBag<string>();
            if (pendingRegions.IsEmpty)
            {
                await Parallel.ForEachAsync(claimed, ReadOptions(cancellationToken), async (ledger, ct) =>
                {
                    if ((await source.GetConsumerAsync(ledger.Name, ct)).Pending)
                    {
                        pendingConsumers.Add(ledger.Name);
                    }
                });
            }

            var waited = Stopwatch.GetElapsedTime(started);
            if (pendingRegions.IsEmpty && pendingConsumers.IsEmpty)
            {
                if (candidates.Count == keys.Count)
                {
                    return (true, waited, "");
                }

                candidates = keys;
                continue;
            }

            if (waited >= timeout)
            {
                var regionIds = pendingRegions.Select(k => regions.Ids[k]).Order(StringComparer.Ordinal).Take(5);
                return (false, waited, $"{pendingRegions.Count} regions with changes pending ({string.Join(", ", regionIds)}), {pendingConsumers.Count} consumers completing one ({string.Join(", ", pendingConsumers.Take(5))})");
            }

            candidates = pendingRegions.IsEmpty ? candidates : [.. pendingRegions];
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static InvariantCheck ClaimsWhole(
        List<ConsumerLedger> claimed,
        ConcurrentDictionary<string, ConsumerStateView> consumers,
        ConcurrentDictionary<string, IReadOnlyList<ReservationView>> held,
        bool settled,
        TimeSpan waited,
        string pending)
    {
        if (!settled)
        {
            return new InvariantCheck(false, claimed.Count, 1, $"changes still undecided after {waited.TotalSeconds:0.#} s: {pending}");
        }

        var byConsumer = claimed.ToDictionary(l => TentativeChange.ClaimReservationId(l.Name), l => l.Name, StringComparer.Ordinal);
        var holds = claimed.ToDictionary(l => l.Name, _ => new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal), StringComparer.Ordinal);
        var misnamed = new List<string>();
        foreach (var (regionId, reservations) in held)
        {
            foreach (var reservation in reservations)
            {
                if (byConsumer.TryGetValue(reservation.Id, out var consumer))
                {
                    holds[consumer][regionId] = reservation.Holds;
                    if (reservation.Consumer != consumer)
                    {
                        misnamed.Add($"{regionId}/{reservation.Id} names {reservation.Consumer ?? "no consumer"}");
                    }
                }
            }
        }

        var broken = claimed
            .Select(l => (l.Name, Held: Allocations.From(holds[l.Name]), Claims: consumers[l.Name].Allocations))
            .Where(c => !c.Held.SameAs(c.Claims))
            .ToList();
        var violations = broken.Count + misnamed.Count;
        return violations == 0
            ? new InvariantCheck(true, claimed.Count, 0, $"{claimed.Count} consumers hold exactly their allocations in {held.Count} regions, {waited.TotalMilliseconds:0} ms after the load stopped")
            : new InvariantCheck(false, claimed.Count, violations, string.Join("; ", broken.Take(3).Select(c => $"{c.Name} holds {c.Held} but its allocations are {c.Claims}").Concat(misnamed.Take(3))));
    }

    private static InvariantCheck AcknowledgedClaims(List<ConsumerLedger> claimed, ConcurrentDictionary<string, ConsumerStateView> consumers)
    {
        var broken = new List<string>();
        var fromLostAnswers = 0;
        foreach (var ledger in claimed)
        {
            var view = consumers[ledger.Name];
            var expected = ledger.Acknowledged ?? Allocations.Empty;
            if (view.Allocations.SameAs(expected) && view.Version >= ledger.AcknowledgedVersion)
            {
                continue;
            }

            if (view.Version > ledger.AcknowledgedVersion && ledger.Unsure.Any(u => u.SameAs(view.Allocations)))
            {
                fromLostAnswers++;
                continue;
            }

            broken.Add($"{ledger.Name} at version {view.Version} has {view.Allocations}; its last acknowledged claim (version {ledger.AcknowledgedVersion}) set {expected}");
        }

        var acknowledged = claimed.Count(l => l.Acknowledged is not null);
        var lost = fromLostAnswers == 0 ? "" : $"; {fromLostAnswers} hold a later claim whose answer was lost to a fault";
        return broken.Count == 0
            ? new InvariantCheck(true, claimed.Count, 0, $"{claimed.Count} consumers claimed, {acknowledged} acknowledged: each holds its last acknowledged claim (nothing when none was){lost}")
            : new InvariantCheck(false, claimed.Count, broken.Count, $"{broken.Count} of {claimed.Count}: {string.Join("; ", broken.Take(3))}");
    }

    /// <summary>Waits, up to <paramref name="timeout"/>, for the service's usage of the project to equal the sum of its holds.</summary>
    private static async Task<InvariantCheck> UsagesAsync(
        IHoldingsSource source, string project, ConcurrentDictionary<string, IReadOnlyList<ReservationView>> held, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var expected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var count = 0;
        foreach (var reservation in held.Values.SelectMany(r => r).Where(r => r.Project == project))
        {
            count++;
            foreach (var (resource, amount) in reservation.Holds)
            {
                expected[resource] = checked(expected.GetValueOrDefault(resource) + amount);
            }
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var usage = await source.GetUsageAsync(project, cancellationToken);
            var waited = Stopwatch.GetElapsedTime(started);
            var same = usage.Where(p => p.Value != 0).Count() == expected.Count && expected.All(p => usage.GetValueOrDefault(p.Key) == p.Value);
            if (same)
            {
                return new InvariantCheck(true, count, 0, $"{project} uses {Describe(expected)}, the sum of its {count} reservations and claims, after {waited.TotalMilliseconds:0} ms");
            }

            if (waited >= timeout)
            {
                return new InvariantCheck(false, count, 1, $"after {timeout.TotalSeconds:0.#} s {project} uses {Describe(usage)}; its {count} reservations and claims hold {Describe(expected)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static string Describe(IEnumerable<KeyValuePair<string, long>> sums)
    {
        var text = string.Join(", ", sums.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value} {p.Key}"));
        return text.Length == 0 ? "nothing" : text;
    }

    private static ParallelOptions ReadOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken };
}
