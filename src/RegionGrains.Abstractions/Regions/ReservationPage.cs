using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>One page of a region's reservations and whether more follow.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.ReservationPage")]
public sealed record ReservationPage(
    [property: Id(0)] ImmutableArray<Reservation> Reservations,
    [property: Id(1)] bool HasMore);
