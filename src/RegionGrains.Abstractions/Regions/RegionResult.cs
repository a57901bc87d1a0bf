using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>Result of a region command.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Region">The region after the command, when it exists.</param>
/// <param name="Detail">Why, for any outcome other than success.</param>
/// <param name="AllowedTargets">For <see cref="RegionOutcome.InvalidTransition"/>, where the region may go.</param>
/// <param name="At">
/// For <see cref="RegionOutcome.BelowReserved"/>, the first instant that would be over-reserved, when it is later than
/// now (a reservation booked ahead); null when the change would over-reserve the pool at once.
/// </param>
/// <param name="Changed">
/// Whether the command changed the region (for a dry run: would have): false when it answered without a change, as a
/// definition the region already has does.
/// </param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionResult")]
public sealed record RegionResult(
    [property: Id(0)] RegionOutcome Outcome,
    [property: Id(1)] RegionSnapshot? Region,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] ImmutableArray<RegionStatus> AllowedTargets = default,
    [property: Id(4)] DateTimeOffset? At = null,
    [property: Id(5)] bool Changed = false)
{
    /// <summary>Whether the command succeeded.</summary>
    public bool Succeeded => Outcome is RegionOutcome.Ok or RegionOutcome.Created or RegionOutcome.Replayed;
}
