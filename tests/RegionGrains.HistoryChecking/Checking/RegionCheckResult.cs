using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>The linearizability verdict for one region, with what explains a violation.</summary>
/// <param name="Region">The region's id.</param>
/// <param name="Verdict">What the search concluded.</param>
/// <param name="Operations">Operations checked (reads of unknown outcome are left out: they change nothing).</param>
/// <param name="Steps">Model steps the search took.</param>
/// <param name="Elapsed">How long the search took.</param>
/// <param name="Linearized">For a violation: the longest order found that explains a prefix of the history.</param>
/// <param name="Stuck">For a violation: the operations that could not be placed after that longest order (the first
/// one whose completion came while it was still unplaced, and what the model answers to each there).</param>
/// <param name="StateAtStuck">The model's state after the longest order.</param>
public sealed record RegionCheckResult(
    string Region,
    Verdict Verdict,
    int Operations,
    long Steps,
    TimeSpan Elapsed,
    IReadOnlyList<HistoryOp> Linearized,
    IReadOnlyList<string> Stuck,
    string? StateAtStuck)
{
    public string Describe(int tail = 15)
    {
        var text = $"{Region}: {Verdict} ({Operations} ops, {Steps} steps, {Elapsed.TotalMilliseconds:0} ms)";
        if (Verdict != Verdict.Violation)
        {
            return text;
        }

        return text +
            $"\n  longest explained order: {Linearized.Count} ops; its last {Math.Min(tail, Linearized.Count)}:\n    " +
            string.Join("\n    ", Linearized.TakeLast(tail)) +
            $"\n  model state then: {StateAtStuck}\n  cannot be placed next:\n    " + string.Join("\n    ", Stuck);
    }
}
