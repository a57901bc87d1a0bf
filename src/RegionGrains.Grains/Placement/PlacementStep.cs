using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Placement;

/// <summary>What a step of a placement records.</summary>
public enum PlacementStepKind
{
    /// <summary>A placement attempt began, for this request.</summary>
    Attempt = 0,

    /// <summary>A region is about to be asked; until its answer is recorded, it may hold the order.</summary>
    Trying = 1,

    /// <summary>The region asked last refused.</summary>
    Refused = 2,

    /// <summary>The region asked last holds the order.</summary>
    Held = 3,
}

/// <summary>One journaled step of a placement; a placement's state is the fold of its steps.</summary>
[GenerateSerializer, Immutable, Alias("rg.placement.step")]
public sealed record PlacementStep(
    [property: Id(0)] PlacementStepKind Kind,
    [property: Id(1)] PlacementRequest? Request = null,
    [property: Id(2)] string? RegionId = null,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] Reservation? Reservation = null);
