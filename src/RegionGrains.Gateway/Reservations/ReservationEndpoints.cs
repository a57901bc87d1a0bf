using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using System.Collections.Immutable;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Conditional;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The <c>/api/regions/{id}/reservations</c> resource.</summary>
public static class ReservationEndpoints
{
    private static readonly string[] ListFilters = ["resource", "consumer", "state"];

    public static IEndpointRouteBuilder MapReservationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/regions/{id}/reservations", "Reservations")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Reserve)
            .WithName(nameof(Reserve))
            .HonoursIfMatch()
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Hold capacity: one resource (resource, amount) or several all or nothing (resources), at once or from startsAt until endsAt; with waitSeconds, a request that does not fit waits on the region's waitlist (202 with Location) and is granted first fit in arrival order as capacity frees up. The reservation id is an idempotency key: replaying it with the same body returns the original. If-Match (the region's ETag) makes a new reservation conditional; ?dryRun=true answers without holding anything.");
        group.MapGet("/", ListReservations)
            .WithName(nameof(ListReservations))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("The region's reservations, sorted by id, filtered by resource, consumer and state (Scheduled, Waiting, Active, Ended, Released, Expired, Cancelled, Lapsed; comma-separated; default Scheduled,Waiting,Active), a page at a time: at most limit (default 100, at most 1000) after the id after; a Link rel=\"next\" header points to the next page.");
        group.MapGet("/{reservationId}", GetReservation)
            .WithName(nameof(GetReservation))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("A scheduled, active or recently ended reservation (its state says which): the address a reservation's creation answers in Location.");
        group.MapPatch("/{reservationId}", ChangeReservation)
            .WithName(nameof(ChangeReservation))
            .Accepts<ReservationPatchRequest>("application/merge-patch+json", "application/json")
            .HonoursIfMatch()
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change a scheduled or active reservation with a JSON merge patch (RFC 7396): amount or resources, and endsAt (null: no end). Growing is checked against the pool over the reservation's whole interval (409 insufficient-capacity with the first instant at which it does not fit); shrinking and shortening always succeed. If-Match (the region's ETag) makes the change conditional; ?dryRun=true answers without changing anything.");
        group.MapDelete("/{reservationId}", Release)
            .WithName(nameof(Release))
            .HonoursIfMatch()
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Release a reservation (a claim changes through its consumer instead: 409 held-by-claim); If-Match (the region's ETag) makes the release conditional; ?dryRun=true answers without releasing.");
        return app;
    }

    public static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, Accepted<ReservationResponse>, ProblemHttpResult, ValidationProblem>> Reserve(
        string id,
        ReservationCreateRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .RegionId(id)
            .ReservationId(body.ReservationId)
            .Reservation(body)
            .IfMatch(context.Request, out var ifMatch);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var request = body.ToRequest(body.Interval());
        var grain = cluster.RegionGrain(id);
        var result = await grain.ReserveAsync(request, await IfMatchCondition.PinAsync(ifMatch, grain), dryRun);
        if (result.Outcome == RegionOutcome.Created && !dryRun)
        {
            log.Reserved(context, id, request.ReservationId, request.Holds);
        }

        return result.Outcome switch
        {
            RegionOutcome.Created => TypedResults.Created($"/api/regions/{id}/reservations/{request.ReservationId}", result.Reservation!.ToResponse(id)),
            RegionOutcome.Replayed => TypedResults.Ok(result.Reservation!.ToResponse(id)),
            RegionOutcome.Queued => TypedResults.Accepted($"/api/regions/{id}/reservations/{request.ReservationId}", result.Reservation!.ToResponse(id)),
            _ => ReservationProblems.Refused(id, result, request.Resources is null ? "amount" : "resources", request.Resources is null ? request.Resource : null),
        };
    }

    public static async Task<Results<Ok<ReservationResponse[]>, ProblemHttpResult, ValidationProblem>> ListReservations(
        string id,
        IClusterClient cluster,
        HttpRequest request,
        HttpResponse response,
        string? resource = null,
        string? consumer = null,
        string? limit = null,
        string? after = null,
        string? state = null)
    {
        var count = ReservationQuery.DefaultLimit;
        var states = ReservationStateFilter.Parse(state);
        var errors = new ValidationErrors()
            .RegionId(id)
            .Check(resource is null || RegionNames.IsValidResource(resource), "resource", ValidationMessages.Resource)
            .Check(consumer is null || RegionNames.IsValidConsumer(consumer), "consumer", ValidationMessages.Consumer)
            .Check(limit is null || StrictNumbers.TryParseInt32(limit, 1, ReservationQuery.MaxLimit, out count), "limit", ValidationMessages.Limit(ReservationQuery.MaxLimit))
            .Check(after is null || RegionNames.IsValidReservationId(after), "after", ValidationMessages.AfterReservation)
            .Check(!states.IsDefault, "state", ValidationMessages.StateFilter);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var page = await cluster.RegionGrain(id).ListReservationsAsync(new ReservationQuery(after, count, resource, consumer, states));
        if (page is null)
        {
            return Problem.RegionNotFound(id);
        }

        if (page.HasMore && !page.Reservations.IsEmpty)
        {
            NextPageLink.Set(request, response, ListFilters, count, page.Reservations[^1].ReservationId);
        }

        return TypedResults.Ok(page.Reservations.Select(r => r.ToResponse(id)).ToArray());
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult, ValidationProblem>> GetReservation(
        string id,
        string reservationId,
        IClusterClient cluster)
    {
        var errors = new ValidationErrors()
            .RegionId(id)
            .ReservationId(reservationId);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        if (await grain.FindReservationAsync(reservationId) is { } reservation)
        {
            return TypedResults.Ok(reservation.ToResponse(id));
        }

        // Never made, or ended so long ago that the region no longer keeps it; or no such region, which the 404 says instead.
        return await grain.GetAsync() is null ? Problem.RegionNotFound(id) : Problem.ReservationNotFound(id, reservationId);
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult, ValidationProblem>> ChangeReservation(
        string id,
        string reservationId,
        ReservationPatchRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .RegionId(id)
            .ReservationId(reservationId)
            .Patch(body, out var patchEnd)
            .IfMatch(context.Request, out var ifMatch);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var patch = new ReservationPatch(
            reservationId,
            body.Resources?.ToImmutableSortedDictionary(StringComparer.Ordinal),
            patchEnd.Changes,
            patchEnd.EndsAt,
            body.Amount);
        var grain = cluster.RegionGrain(id);
        var result = await grain.ChangeReservationAsync(patch, await IfMatchCondition.PinAsync(ifMatch, grain), dryRun);
        if (result.Succeeded && !dryRun && result.Reservation is { } changed)
        {
            log.ReservationChanged(context, id, changed);
        }

        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.Ok(result.Reservation!.ToResponse(id)),
            RegionOutcome.NotFound when result.Region is null => Problem.RegionNotFound(id),
            RegionOutcome.NotFound => Problem.ReservationNotFound(id, reservationId, result.Detail),
            RegionOutcome.Invalid => Problem.InvalidRequest(
                body.Resources is not null ? "resources" : body.Amount is not null ? "amount" : "endsAt",
                result.Detail ?? "The change is not valid."),
            _ => ReservationProblems.Refused(id, result, body.Resources is null ? "amount" : "resources", singleResource: null),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Release(
        string id,
        string reservationId,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .RegionId(id)
            .ReservationId(reservationId)
            .IfMatch(context.Request, out var ifMatch);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        var result = await grain.ReleaseAsync(reservationId, await IfMatchCondition.PinAsync(ifMatch, grain), dryRun);
        if (result.Outcome == RegionOutcome.Ok && !dryRun)
        {
            log.Released(context, id, reservationId);
        }

        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.NoContent(),
            RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
            RegionOutcome.HeldByClaim => Problem.HeldByClaim(result.Detail),
            RegionOutcome.ChangeInProgress => Problem.ChangeInProgress(result.Detail),
            _ when result.Region is null => Problem.RegionNotFound(id),
            _ => Problem.ReservationNotFound(id, reservationId),
        };
    }
}
