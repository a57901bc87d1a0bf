namespace RegionGrains.HistoryChecking.Checking;

/// <summary>What a check concluded.</summary>
public enum Verdict
{
    /// <summary>The history is explained by the model.</summary>
    Ok,

    /// <summary>No order of the operations explains the history: a violation.</summary>
    Violation,

    /// <summary>The search ran out of its budget before deciding; neither a pass nor a violation.</summary>
    Unknown,
}
