using System.Collections.Immutable;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Placement;

/// <summary>
/// Where a placement stands: the request it was made for, the regions its latest attempt asked and their answers, and
/// where the order is held once it is.
/// </summary>
/// <param name="Version">The number of steps journaled.</param>
/// <param name="Request">The request of the first attempt; null before any.</param>
/// <param name="Tried">The latest attempt's refusals, in order.</param>
/// <param name="Pending">A region asked whose answer was never recorded: it may hold the order.</param>
/// <param name="HeldIn">The region that holds the order.</param>
/// <param name="Reservation">The reservation it holds.</param>
internal sealed record PlacementState(
    long Version,
    PlacementRequest? Request,
    ImmutableArray<PlacementAttempt> Tried,
    string? Pending,
    string? HeldIn,
    Reservation? Reservation)
{
    public static PlacementState Empty { get; } = new(0, null, [], null, null, null);

    /// <summary>The state after one more step.</summary>
    public PlacementState Apply(PlacementStep step) => (step.Kind switch
    {
        PlacementStepKind.Attempt => this with { Request = Request ?? step.Request, Tried = [], Pending = null },
        PlacementStepKind.Trying => this with { Pending = step.RegionId },
        PlacementStepKind.Refused => this with { Tried = Tried.Add(new PlacementAttempt(step.RegionId!, step.Reason ?? "refused")), Pending = null },
        PlacementStepKind.Held => this with { HeldIn = step.RegionId, Reservation = step.Reservation, Pending = null },
        _ => throw new InvalidOperationException($"Unknown placement step {step.Kind}."),
    }) with { Version = Version + 1 };
}
