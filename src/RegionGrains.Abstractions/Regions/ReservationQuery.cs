using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>A page of a region's reservations, sorted by id.</summary>
/// <param name="After">Only reservations whose id sorts after this (ordinal); null from the start.</param>
/// <param name="Limit">At most this many, 1 to <see cref="MaxLimit"/>.</param>
/// <param name="Resource">Only reservations that hold this resource.</param>
/// <param name="Consumer">Only reservations held for this consumer.</param>
/// <param name="States">Only reservations in one of these states; empty for the current ones (scheduled and active).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ReservationQuery")]
public sealed record ReservationQuery(
    [property: Id(0)] string? After,
    [property: Id(1)] int Limit,
    [property: Id(2)] string? Resource = null,
    [property: Id(3)] string? Consumer = null,
    [property: Id(4)] ImmutableArray<ReservationState> States = default)
{
    /// <summary>Whether a reservation in <paramref name="state"/> is asked for.</summary>
    public bool Includes(ReservationState state) =>
        States.IsDefaultOrEmpty ? state is ReservationState.Active or ReservationState.Scheduled : States.Contains(state);

    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1_000;
}
