namespace RegionGrains.HistoryChecking.History;

/// <summary>One step of a fault schedule (a kill, a pause, a restart), on the history's clock.</summary>
public sealed record FaultEvent(long At, string What);
