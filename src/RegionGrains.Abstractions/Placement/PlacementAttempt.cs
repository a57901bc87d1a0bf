namespace RegionGrains.Abstractions.Placement;

/// <summary>A candidate region that was asked and refused, and why.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.PlacementAttempt")]
public sealed record PlacementAttempt(
    [property: Id(0)] string RegionId,
    [property: Id(1)] string Reason);
