using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The <c>/api/regions/{id}/reservations</c> resource.</summary>
public static class ReservationEndpoints
{
    public static IEndpointRouteBuilder MapReservationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions/{id}/reservations").WithTags("Reservations")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/", Reserve).WithName(nameof(Reserve)).HonoursIfMatch().RequireAccess(app, GatewayPolicies.Operate).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).WithSummary("Hold capacity. The reservation id is an idempotency key: replaying it with the same body returns the original. If-Match (the region's ETag) makes a new reservation conditional.");
        group.MapGet("/{reservationId}", GetReservation).WithName(nameof(GetReservation)).RequireAccess(app, GatewayPolicies.Read).WithSummary("A reservation the region holds: the address a reservation's creation answers in Location.");
        group.MapDelete("/{reservationId}", Release).WithName(nameof(Release)).HonoursIfMatch().RequireAccess(app, GatewayPolicies.Operate).ProducesProblem(StatusCodes.Status412PreconditionFailed).WithSummary("Release a reservation; If-Match (the region's ETag) makes the release conditional.");
        return app;
    }

    public static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, ProblemHttpResult, ValidationProblem>> Reserve(
        string id,
        ReservationCreateRequest body,
        IClusterClient cluster,
        HttpContext context,
        ChangeLog log)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(RegionNames.IsValidReservationId(body.ReservationId), "reservationId", $"reservationId is required and matches {RegionNames.ReservationIdRegex}.")
            .Check(RegionNames.IsValidResource(body.Resource), "resource", $"resource is required and matches {RegionNames.ResourceRegex}.")
            .Check(body.Amount is { } amount && RegionValidation.IsValidAmount(amount), "amount", RegionValidation.AmountMessage)
            .Check(RegionValidation.IsValidTtl(body.TtlSeconds), "ttlSeconds", RegionValidation.TtlMessage)
            .Check(IfMatchCondition.TryParse(context.Request.Headers.IfMatch, out var ifMatch), "If-Match", IfMatchCondition.Message);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var request = new ReservationRequest(body.ReservationId!, body.Resource!, body.Amount!.Value, (int?)body.TtlSeconds);
        var grain = cluster.RegionGrain(id);
        var result = await grain.ReserveAsync(request, await IfMatchCondition.PinAsync(ifMatch, grain));
        if (result.Outcome == RegionOutcome.Created)
        {
            log.Reserved(context, id, request.ReservationId, request.Amount, request.Resource);
        }

        return result.Outcome switch
        {
            RegionOutcome.Created => TypedResults.Created($"/api/regions/{id}/reservations/{request.ReservationId}", result.Reservation!.ToResponse(id)),
            RegionOutcome.Replayed => TypedResults.Ok(result.Reservation!.ToResponse(id)),
            RegionOutcome.NotFound => Problem.RegionNotFound(id),
            RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
            RegionOutcome.InsufficientCapacity => Problem.Conflict(
                ProblemTypes.InsufficientCapacity,
                "Insufficient capacity",
                result.Detail,
                new Dictionary<string, object?> { ["available"] = result.Region?.Capacity.GetValueOrDefault(request.Resource)?.Available ?? 0 }),
            RegionOutcome.NotAccepting => Problem.Conflict(
                ProblemTypes.NotAccepting,
                "The region does not accept reservations",
                result.Detail,
                new Dictionary<string, object?> { ["regionStatus"] = result.Region?.Status.ToString() }),
            RegionOutcome.ReservationIdReused => Problem.Conflict(ProblemTypes.ReservationIdReused, "Reservation id already used", result.Detail),
            RegionOutcome.NotADataCenter => Problem.NotADataCenter(result.Detail, result.Region?.Definition.Kind),
            _ => Problem.Invalid("reservation", result.Detail ?? "The reservation is not valid."),
        };
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult, ValidationProblem>> GetReservation(
        string id,
        string reservationId,
        IClusterClient cluster)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(RegionNames.IsValidReservationId(reservationId), "reservationId", $"Reservation ids match {RegionNames.ReservationIdRegex}.");
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        if (await grain.GetReservationAsync(reservationId) is { } reservation)
        {
            return TypedResults.Ok(reservation.ToResponse(id));
        }

        // Released, expired or never made; or no such region, which the 404 says instead.
        return await grain.GetAsync() is null ? Problem.RegionNotFound(id) : Problem.ReservationNotFound(id, reservationId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Release(
        string id,
        string reservationId,
        IClusterClient cluster,
        HttpContext context,
        ChangeLog log)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(RegionNames.IsValidReservationId(reservationId), "reservationId", $"Reservation ids match {RegionNames.ReservationIdRegex}.")
            .Check(IfMatchCondition.TryParse(context.Request.Headers.IfMatch, out var ifMatch), "If-Match", IfMatchCondition.Message);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        var result = await grain.ReleaseAsync(reservationId, await IfMatchCondition.PinAsync(ifMatch, grain));
        if (result.Outcome == RegionOutcome.Ok)
        {
            log.Released(context, id, reservationId);
        }

        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.NoContent(),
            RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
            _ when result.Region is null => Problem.RegionNotFound(id),
            _ => Problem.ReservationNotFound(id, reservationId),
        };
    }
}
