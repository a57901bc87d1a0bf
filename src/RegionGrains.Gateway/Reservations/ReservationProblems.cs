using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Conditional;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The problem answered for each way a region refuses a reservation or a change to one.</summary>
internal static class ReservationProblems
{
    /// <summary>
    /// The problem for a refused reservation or change. <paramref name="amountField"/> is the body member that gave the
    /// amounts (named by a unit-rule 400); <paramref name="singleResource"/> is the pool of a one-resource request, whose
    /// refusal also carries the pool's <c>available</c>.
    /// </summary>
    public static ProblemHttpResult Refused(string regionId, ReservationResult result, string amountField, string? singleResource) => result.Outcome switch
    {
        RegionOutcome.NotFound => Problem.RegionNotFound(regionId),
        RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
        RegionOutcome.InsufficientCapacity => InsufficientCapacity(result, singleResource),
        RegionOutcome.UnitRule => Problem.UnitRule(amountField, result.Detail),
        RegionOutcome.NotAccepting => Problem.NotAccepting(
            result.Detail,
            new Dictionary<string, object?> { ["regionStatus"] = result.Region?.Status.ToString() }),
        RegionOutcome.ReservationIdReused => Problem.Conflict(ProblemTypes.ReservationIdReused, "Reservation id already used", result.Detail),
        RegionOutcome.ChangeInProgress => Problem.ChangeInProgress(result.Detail),
        RegionOutcome.HeldByClaim => Problem.HeldByClaim(result.Detail),
        RegionOutcome.NotADataCenter => Problem.NotADataCenter(result.Detail, result.Region?.Definition.Kind),
        _ => Problem.InvalidRequest("reservation", result.Detail ?? "The reservation is not valid."),
    };

    /// <summary>
    /// 409 naming each resource short with the least it has available over the interval asked for and, when it fits at
    /// first and not later, the first instant it does not fit (also the problem's own <c>at</c>, the earliest of them);
    /// the one-resource form also keeps its single <c>available</c> figure.
    /// </summary>
    private static ProblemHttpResult InsufficientCapacity(ReservationResult result, string? singleResource)
    {
        var shortfalls = result.Shortfalls.IsDefault ? [] : result.Shortfalls;
        var extensions = new Dictionary<string, object?> { ["shortfalls"] = shortfalls.ToResponse() };
        if (shortfalls.Select(s => s.At).Where(at => at is not null).Min() is { } at)
        {
            extensions["at"] = at;
        }

        if (singleResource is not null)
        {
            extensions["available"] = shortfalls.FirstOrDefault(s => s.Resource == singleResource)?.Available
                ?? result.Region?.Capacity.GetValueOrDefault(singleResource)?.Available ?? 0;
        }

        return Problem.Conflict(ProblemTypes.InsufficientCapacity, "Insufficient capacity", result.Detail, extensions);
    }
}
