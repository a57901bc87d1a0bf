namespace RegionGrains.Gateway.Events;

/// <summary>The data of a <c>head</c> event: the region's version when the stream opened.</summary>
public sealed record StreamHead(long Version);
