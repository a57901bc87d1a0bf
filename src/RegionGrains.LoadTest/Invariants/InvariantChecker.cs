using System.Collections.Concurrent;
using System.Diagnostics;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>
/// Checks, after load has stopped: no pool reserved above its usable capacity; the footprint equals the sum over all
/// regions (waiting, up to a bound, for the asynchronous aggregation to settle); every acknowledged
/// reservation is still held; and, for a run that made claims or held capacity for its project, the checks of
/// <see cref="ClaimInvariants"/>.
/// </summary>
/// <remarks>
/// When the cluster holds too many regions to list, the footprint cannot be compared with a sum over all of
/// them. It is then compared with the footprint read before the run created its regions plus the sum over the
/// run's own regions: right on a cluster that holds other regions (a seeded catalog, earlier runs), provided
/// nothing else changes the cluster during the run, which the check's detail says.
/// </remarks>
public static class InvariantChecker
{
    private const int ReadConcurrency = 64;

    /// <summary>Checks the invariants; <c>before</c> is the footprint read before the run created its regions (used when listing is skipped).</summary>
    public static async Task<InvariantResults> CheckAsync(IRegionSource source, RegionSet regions, TimeSpan settleTimeout, FootprintView before, CancellationToken cancellationToken)
    {
        // First, as it waits for every change across regions to be decided: the regions are then read settled.
        var claims = await ClaimInvariants.CheckAsync(source, source as IHoldingsSource, regions, settleTimeout, cancellationToken);
        var listed = await source.ListIdsAsync(cancellationToken);
        var own = new HashSet<string>(regions.Ids, StringComparer.Ordinal);
        var ids = new HashSet<string>(own, StringComparer.Ordinal);
        if (listed is not null)
        {
            ids.UnionWith(listed);
        }

        var read = new ConcurrentDictionary<string, RegionView>(StringComparer.Ordinal);
        var absent = 0L;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await source.GetAsync(id, ct) is { } view)
            {
                read[id] = view;
            }
            else if (own.Contains(id))
            {
                Interlocked.Increment(ref absent);
            }
        });

        var over = read.Values.Where(r => r.Capacity.Values.Any(p => p.OverReserved)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var noOver = new InvariantCheck(
            over.Count == 0 && absent == 0,
            read.Count,
            over.Count + absent,
            over.Count == 0 && absent == 0
                ? $"{read.Count} regions read; no pool reserved above its usable capacity"
                : $"{over.Count} over-reserved ({string.Join(", ", over.Take(5))}); {absent} of the run's regions missing");

        var acknowledged = regions.Acknowledged.Count + regions.AcknowledgedPairs.Count;
        var (missing, detail) = acknowledged == 0 ? (0, "") : await source.FindMissingAsync(regions, read, cancellationToken);
        var present = acknowledged == 0
            ? InvariantCheck.NotApplicable("no reservation was acknowledged")
            : new InvariantCheck(missing == 0, acknowledged, missing, detail);

        var footprint = listed is null
            ? await WaitForFootprintAsync(source, before.Plus(FootprintView.Sum(read.Values)), settleTimeout, "the footprint before the run plus the run's regions (listing skipped; assumes nothing else changed the cluster meanwhile)", cancellationToken)
            : await WaitForFootprintAsync(source, FootprintView.Sum(read.Values), settleTimeout, "every listed region", cancellationToken);
        return new InvariantResults(noOver, footprint, present)
        {
            ClaimsWhole = claims.ClaimsWhole,
            UsagesMatchHolds = claims.UsagesMatchHolds,
            AcknowledgedClaimsPresent = claims.AcknowledgedClaimsPresent,
        };
    }

    /// <summary>Waits, up to <paramref name="timeout"/>, for the footprint to equal <paramref name="expected"/>; <c>scope</c> says what that is, for the check's detail.</summary>
    public static async Task<InvariantCheck> WaitForFootprintAsync(IRegionSource source, FootprintView expected, TimeSpan timeout, string scope, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var actual = await source.GetFootprintAsync(cancellationToken);
            var differences = expected.Differences(actual);
            var waited = Stopwatch.GetElapsedTime(started);
            if (differences.Count == 0)
            {
                return new InvariantCheck(true, expected.Regions, 0, $"equals {scope} ({expected.Regions} regions) after {waited.TotalMilliseconds:0} ms");
            }

            if (waited >= timeout)
            {
                return new InvariantCheck(false, expected.Regions, differences.Count, $"still differs after {timeout.TotalSeconds:0.#} s: {string.Join("; ", differences.Take(6))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
