namespace RegionGrains.Abstractions.Regions;

/// <summary>One resource a reservation could not have: what was asked and what the pool had available.</summary>
/// <param name="Resource">The pool.</param>
/// <param name="Requested">The amount asked for.</param>
/// <param name="Available">
/// What the pool had available over the interval asked for: the least at any instant of it (0 when the region has no
/// such pool).
/// </param>
/// <param name="At">
/// The first instant at which the amount does not fit, when it is later than now (a reservation booked ahead, or a
/// hold that meets one booked ahead); null when it does not fit at once.
/// </param>
[GenerateSerializer, Immutable, Alias("RegionGrains.Shortfall")]
public sealed record Shortfall(
    [property: Id(0)] string Resource,
    [property: Id(1)] long Requested,
    [property: Id(2)] long Available,
    [property: Id(3)] DateTimeOffset? At = null);
