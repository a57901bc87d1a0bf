using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The problem answered for each way a region refuses a reservation.</summary>
internal static class ReservationProblems
{
    public static ProblemHttpResult Refused(string regionId, ReservationRequest request, ReservationResult result) => result.Outcome switch
    {
        RegionOutcome.NotFound => Problem.RegionNotFound(regionId),
        RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
        RegionOutcome.InsufficientCapacity => InsufficientCapacity(request, result),
        RegionOutcome.UnitRule => Problem.UnitRule(request.Resources is null ? "amount" : "resources", result.Detail),
        RegionOutcome.NotAccepting => Problem.Conflict(
            ProblemTypes.NotAccepting,
            "The region does not accept reservations",
            result.Detail,
            new Dictionary<string, object?> { ["regionStatus"] = result.Region?.Status.ToString() }),
        RegionOutcome.ReservationIdReused => Problem.Conflict(ProblemTypes.ReservationIdReused, "Reservation id already used", result.Detail),
        RegionOutcome.ChangeInProgress => Problem.Conflict(ProblemTypes.ChangeInProgress, "Another change of this reservation is in progress", result.Detail),
        RegionOutcome.NotADataCenter => Problem.NotADataCenter(result.Detail, result.Region?.Definition.Kind),
        _ => Problem.BadRequest(ProblemTypes.Validation, "The request is not valid", "reservation", result.Detail ?? "The reservation is not valid."),
    };

    /// <summary>
    /// 409 naming each resource short with what it has available; the one-resource form also keeps its single
    /// <c>available</c> figure.
    /// </summary>
    private static ProblemHttpResult InsufficientCapacity(ReservationRequest request, ReservationResult result)
    {
        var extensions = new Dictionary<string, object?> { ["shortfalls"] = (result.Shortfalls.IsDefault ? [] : result.Shortfalls).ToResponse() };
        if (request.Resources is null)
        {
            extensions["available"] = result.Region?.Capacity.GetValueOrDefault(request.Resource)?.Available ?? 0;
        }

        return Problem.Conflict(ProblemTypes.InsufficientCapacity, "Insufficient capacity", result.Detail, extensions);
    }
}
