namespace RegionGrains.Abstractions.Regions;

/// <summary>One entry of a region's history.</summary>
/// <param name="Version">Region version the change produced.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Human-readable description.</param>
/// <param name="Reason">For status changes, the reason given.</param>
/// <param name="Actor">Who made the change: the caller's name, or "system" for expiry and seeding; null for events older than the audit trail.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionEvent")]
public sealed record RegionEvent(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] RegionEventKind Kind,
    [property: Id(3)] string Detail,
    [property: Id(4)] string? Reason = null,
    [property: Id(5)] string? Actor = null);
