using System.Text;
using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>The verdicts for a whole recording.</summary>
public sealed record HistoryReport(RecordedHistory History, IReadOnlyList<RegionReport> Regions)
{
    /// <summary>A violation of linearizability or of a weak check in any region.</summary>
    public bool HasViolation => Regions.Any(r => r.Linearizability.Verdict == Verdict.Violation || r.WeakFindings.Count > 0);

    /// <summary>A region whose search ran out of budget (and no violation elsewhere decides the run).</summary>
    public bool HasUnknown => Regions.Any(r => r.Linearizability.Verdict == Verdict.Unknown);

    /// <summary>Where the history and this report were written as an artifact, when they were.</summary>
    public string? KeptAt { get; init; }

    public string Describe()
    {
        var ops = History.Ops;
        var text = new StringBuilder();
        if (KeptAt is not null)
        {
            text.AppendLine($"history kept at {KeptAt} (report beside it)");
        }

        text
            .AppendLine($"{ops.Count} ops ({ops.Count(o => o.Outcome == Outcome.Ok)} ok, {ops.Count(o => o.Outcome == Outcome.Fail)} refused, {ops.Count(o => o.Outcome == Outcome.Unknown)} unknown) over {History.Regions.Count} regions");
        foreach (var fault in History.Faults)
        {
            text.AppendLine($"  fault at {fault.At / 1000.0:0.0} ms: {fault.What}");
        }

        foreach (var region in Regions)
        {
            text.AppendLine(region.Linearizability.Describe());
            foreach (var finding in region.WeakFindings.Take(10))
            {
                text.AppendLine($"  {finding}");
            }

            if (region.WeakFindings.Count > 10)
            {
                text.AppendLine($"  … and {region.WeakFindings.Count - 10} more weak findings");
            }
        }

        return text.ToString();
    }
}
