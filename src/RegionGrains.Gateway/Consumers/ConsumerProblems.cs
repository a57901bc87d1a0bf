using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Gateway.Conditional;

namespace RegionGrains.Gateway.Consumers;

/// <summary>The problem answered for each way a claim or a move is refused; a region's refusal names the region.</summary>
internal static class ConsumerProblems
{
    public static ProblemHttpResult Refused(ConsumerResult result)
    {
        var regionId = result.Refusal?.RegionId;
        var extensions = new Dictionary<string, object?>();
        if (regionId is not null)
        {
            extensions["regionId"] = regionId;
        }

        if (result.Refusal is { Shortfalls.IsDefaultOrEmpty: false } refusal)
        {
            extensions["shortfalls"] = refusal.Shortfalls.ToResponse();
        }

        return result.Outcome switch
        {
            RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Version, "consumer"),
            RegionOutcome.NotFound when regionId is not null => Problem.RegionNotFound(regionId),
            RegionOutcome.NotFound => TypedResults.Problem(Problem.Details(StatusCodes.Status404NotFound, ProblemTypes.ReservationNotFound, "Reservation not found", result.Detail)),
            RegionOutcome.UnitRule => Problem.UnitRule("allocations", result.Detail),
            RegionOutcome.InsufficientCapacity => Problem.Conflict(ProblemTypes.InsufficientCapacity, "Insufficient capacity", result.Detail, extensions),
            RegionOutcome.NotAccepting => Problem.NotAccepting(result.Detail, extensions),
            RegionOutcome.NotADataCenter => Problem.Conflict(ProblemTypes.NotADataCenter, "The region is not a data center", result.Detail, extensions),
            RegionOutcome.ReservationIdReused => Problem.Conflict(ProblemTypes.ReservationIdReused, "Id already used", result.Detail, extensions),
            RegionOutcome.ChangeInProgress => Problem.ChangeInProgress(result.Detail, extensions),
            RegionOutcome.HeldByClaim => Problem.HeldByClaim(result.Detail, extensions),
            _ => Problem.InvalidRequest("request", result.Detail ?? "The request is not valid."),
        };
    }
}
