namespace RegionGrains.HistoryChecking.History;

/// <summary>A region's state when the recording began, read once before any client started: the model's initial state.</summary>
public sealed record RegionStart(string Region, long Version, string Status, long Total, long Reserved);
