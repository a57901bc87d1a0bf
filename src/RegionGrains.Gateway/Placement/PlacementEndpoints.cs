using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Gateway.Security;

namespace RegionGrains.Gateway.Placement;

/// <summary>The <c>/api/placement</c> resource: where an order fits, and holding it wherever it fits first.</summary>
public static class PlacementEndpoints
{
    public static IEndpointRouteBuilder MapPlacementEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/placement", "Placement");
        group.MapGet("/candidates", GetCandidates)
            .WithName(nameof(GetCandidates))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("The regions that can take a whole order now (resources=gpus:64,vcpus:512), filtered by status, geography and kind, ordered by policy (pack: fullest first, spread: emptiest first, nearest: closest to near=LAT,LON first), with asOf.");
        group.MapPost("/reservations", ReserveAnywhere)
            .WithName(nameof(ReserveAnywhere))
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Hold an order in the first candidate region that takes all of it. The reservation id is an idempotency key: a replay answers 200 with the same region from any gateway; ?dryRun=true answers where it would be held without holding it.");
        return app;
    }

    public static async Task<Results<Ok<PlacementCandidatesResponse>, ValidationProblem>> GetCandidates(
        IClusterClient cluster,
        string? resources = null,
        string? status = null,
        string? geography = null,
        string? kind = null,
        string? near = null,
        string? policy = null,
        string? limit = null)
    {
        var errors = new ValidationErrors();
        var order = PlacementParsing.Resources(resources, errors);
        var point = PlacementParsing.Near(near, errors);
        var count = PlacementQuery.DefaultLimit;
        errors.Check(
            limit is null || StrictNumbers.TryParseInt32(limit, 1, PlacementQuery.MaxLimit, out count),
            "limit",
            ValidationMessages.Limit(PlacementQuery.MaxLimit));
        var query = new PlacementQuery(
            order,
            PlacementParsing.Policy(policy, point, errors),
            count,
            errors.Filter<RegionStatus>(status, "status"),
            errors.Filter<Geography>(geography, "geography"),
            errors.Filter<SiteKind>(kind, "kind"),
            point);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var answer = await cluster.GetGrain<IPlacementGrain>(IPlacementGrain.Key).FindAsync(query);
        return TypedResults.Ok(new PlacementCandidatesResponse(
            PlacementParsing.NameOf(query.Policy),
            answer.AsOf,
            [.. answer.Candidates.Select(c => c.ToResponse())]));
    }

    public static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, ProblemHttpResult, ValidationProblem>> ReserveAnywhere(
        PlacementReservationRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .ReservationId(body.ReservationId)
            .Check(RegionValidation.IsValidResources(body.Resources), "resources", ValidationMessages.Resources)
            .Check(RegionValidation.IsValidTtl(body.TtlSeconds), "ttlSeconds", ValidationMessages.Ttl)
            .Check(body.Consumer is null || RegionNames.IsValidConsumer(body.Consumer), "consumer", ValidationMessages.Consumer)
            .Check(body.Project is null || RegionNames.IsValidConsumer(body.Project), "project", ValidationMessages.Project);
        var constraints = body.Constraints ?? new PlacementConstraints();
        GeoPoint? near = null;
        if (constraints.Near is { Latitude: { } lat, Longitude: { } lon })
        {
            near = PlacementParsing.Near(lat, lon, errors);
        }
        else
        {
            errors.Check(constraints.Near is null, "near", ValidationMessages.Near);
        }

        var policy = PlacementParsing.Policy(body.Policy, near, errors);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var request = new PlacementRequest(
            body.ReservationId!,
            new PlacementQuery(body.Resources!.ToImmutableSortedDictionary(StringComparer.Ordinal), policy, PlacementQuery.DefaultLimit, constraints.Status, constraints.Geography, constraints.Kind, near),
            (int?)body.TtlSeconds,
            body.Consumer,
            body.Project);
        var result = await cluster.GetGrain<IPlacedReservationGrain>(request.ReservationId).PlaceAsync(request, dryRun);
        if (result.Outcome == RegionOutcome.Created && !dryRun)
        {
            log.Reserved(context, result.RegionId!, request.ReservationId, result.Reservation!.Holds);
        }

        return result.Outcome switch
        {
            RegionOutcome.Created => TypedResults.Created($"/api/regions/{result.RegionId}/reservations/{request.ReservationId}", result.Reservation!.ToResponse(result.RegionId!)),
            RegionOutcome.Replayed => TypedResults.Ok(result.Reservation!.ToResponse(result.RegionId!)),
            RegionOutcome.ReservationIdReused => Problem.Conflict(ProblemTypes.ReservationIdReused, "Reservation id already used", result.Detail),
            RegionOutcome.NoCandidate => Problem.Conflict(
                ProblemTypes.NoCandidate,
                "No region can take the whole order",
                result.Detail,
                new Dictionary<string, object?> { ["tried"] = result.Tried.Select(t => new PlacementAttemptResponse(t.RegionId, t.Reason)).ToArray() }),
            _ => Problem.InvalidRequest("reservation", result.Detail ?? "The placement is not valid."),
        };
    }

    private static PlacementCandidateResponse ToResponse(this PlacementCandidate c) =>
        new(c.RegionId, c.DisplayName, c.Geography, c.Status, c.Available, c.Utilization, c.DistanceKm, c.Version, c.UpdatedAt);
}
