namespace RegionGrains.Abstractions.Regions;

/// <summary>One resource a reservation could not have: what was asked and what the pool had available.</summary>
/// <param name="Resource">The pool.</param>
/// <param name="Requested">The amount asked for.</param>
/// <param name="Available">What the pool had available (0 when the region has no such pool).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.Shortfall")]
public sealed record Shortfall(
    [property: Id(0)] string Resource,
    [property: Id(1)] long Requested,
    [property: Id(2)] long Available);
