using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions;

/// <summary>A request on a region's waitlist and its place in the queue (the region version that queued it).</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.Waiter")]
public sealed record Waiter(
    [property: Id(0)] long Place,
    [property: Id(1)] Reservation Reservation);
