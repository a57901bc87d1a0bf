using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>
/// Checks a whole recording region by region (a region's operations never touch another's, so the history is
/// linearizable exactly when each region's part is: P-compositionality), the regions in parallel.
/// </summary>
public static class HistoryChecker
{
    public static HistoryReport Check(RecordedHistory history, long stepBudget = LinearizabilityChecker.DefaultStepBudget)
    {
        var byRegion = history.Ops.GroupBy(o => o.Region).ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryOp>)g.ToList());
        var regions = history.Regions
            .AsParallel()
            .Select(start =>
            {
                var ops = byRegion.GetValueOrDefault(start.Region, []);
                return new RegionReport(LinearizabilityChecker.Check(start, ops, stepBudget), WeakChecks.Check(ops));
            })
            .OrderBy(r => r.Linearizability.Region, StringComparer.Ordinal)
            .ToList();
        return new HistoryReport(history, regions);
    }
}
