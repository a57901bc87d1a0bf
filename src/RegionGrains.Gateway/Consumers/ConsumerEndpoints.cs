using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Consumers;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Conditional;

namespace RegionGrains.Gateway.Consumers;

/// <summary>
/// Consumers and what they hold: <c>/api/consumers/{consumer}</c> with its all-or-nothing claims across regions,
/// <c>/api/moves</c> (a reservation moved between regions atomically) and <c>/api/usages</c> (a project's sums).
/// </summary>
public static class ConsumerEndpoints
{
    public static IEndpointRouteBuilder MapConsumerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api", "Consumers");
        group.MapGet("/consumers/{consumer}", GetConsumer)
            .WithName(nameof(GetConsumer))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("A consumer: its claims (allocations, region to resource to amount) and everything it holds region by region; the ETag is its version.");
        group.MapPut("/consumers/{consumer}/allocations", PutAllocations)
            .WithName(nameof(PutAllocations))
            .HonoursIfMatch()
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace the consumer's claims with exactly these allocations across regions, all or nothing (an empty map releases them all). The claim id is an idempotency key; If-Match (the consumer's ETag) makes it conditional; ?dryRun=true answers without holding anything.");
        group.MapPost("/moves", Move)
            .WithName(nameof(Move))
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move one of a consumer's reservations to another region atomically: held there under the same id and released where it was, or nothing changes. The move id is an idempotency key.");
        group.MapGet("/usages", GetUsages)
            .WithName(nameof(GetUsages))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("What a project's reservations and claims hold, summed per resource over every region.");
        return app;
    }

    public static async Task<Results<Ok<ConsumerResponse>, ValidationProblem>> GetConsumer(string consumer, IClusterClient cluster, HttpResponse response)
    {
        if (!RegionNames.IsValidConsumer(consumer))
        {
            return Problem.Invalid("consumer", ValidationMessages.Consumer);
        }

        var view = await cluster.GetGrain<IConsumerGrain>(consumer).GetAsync();
        response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(new ConsumerResponse(
            view.Consumer,
            view.Version,
            ToResponse(view.Allocations),
            [.. view.Holdings.Select(h => new ConsumerHoldingResponse(h.RegionId, h.Holds, h.RegionVersion))],
            view.AsOf,
            view.Pending));
    }

    public static async Task<Results<Ok<AllocationsResponse>, ProblemHttpResult, ValidationProblem>> PutAllocations(
        string consumer,
        AllocationsRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidConsumer(consumer), "consumer", ValidationMessages.Consumer)
            .Check(RegionNames.IsValidReservationId(body.ClaimId), "claimId", ValidationMessages.ClaimId)
            .Check(RegionValidation.IsValidAllocations(body.Allocations), "allocations", ValidationMessages.Allocations)
            .Check(RegionValidation.IsValidTtl(body.TtlSeconds), "ttlSeconds", ValidationMessages.Ttl)
            .Check(body.Project is null || RegionNames.IsValidConsumer(body.Project), "project", ValidationMessages.Project)
            .IfMatch(context.Request, out var ifMatch);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.GetGrain<IConsumerGrain>(consumer);
        var request = new ClaimRequest(
            body.ClaimId!,
            body.Allocations!.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToImmutableSortedDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
            (int?)body.TtlSeconds,
            body.Project);
        var expected = await IfMatchCondition.PinAsync(ifMatch, async () => (await grain.GetAsync()).Version);
        var result = await grain.ClaimAsync(request, expected, dryRun);
        if (!result.Succeeded)
        {
            return ConsumerProblems.Refused(result);
        }

        if (result.Outcome == RegionOutcome.Ok && !dryRun)
        {
            log.Claimed(context, consumer, request.ClaimId, result.Version);
        }

        context.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.Ok(new AllocationsResponse(consumer, result.Version, ToResponse(result.Allocations)));
    }

    public static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, ProblemHttpResult, ValidationProblem>> Move(
        MoveCreateRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidReservationId(body.MoveId), "moveId", ValidationMessages.MoveId)
            .Check(RegionNames.IsValidConsumer(body.Consumer), "consumer", ValidationMessages.ConsumerRequired)
            .RegionId(body.From?.RegionId, "from.regionId")
            .ReservationId(body.From?.ReservationId, "from.reservationId")
            .RegionId(body.To?.RegionId, "to.regionId")
            .Check(body.From?.RegionId is null || body.From.RegionId != body.To?.RegionId, "to.regionId", ValidationMessages.MoveTarget)
            .Check(body.Resources is null || RegionValidation.IsValidResources(body.Resources), "resources", ValidationMessages.Resources);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var request = new MoveRequest(
            body.MoveId!,
            body.From!.RegionId!,
            body.From.ReservationId!,
            body.To!.RegionId!,
            body.Resources?.ToImmutableSortedDictionary(StringComparer.Ordinal));
        var result = await cluster.GetGrain<IConsumerGrain>(body.Consumer!).MoveAsync(request, dryRun);
        if (!result.Succeeded)
        {
            return ConsumerProblems.Refused(result);
        }

        if (result.Outcome == RegionOutcome.Ok && !dryRun)
        {
            log.Moved(context, body.Consumer!, request.ReservationId, request.FromRegionId, request.ToRegionId);
        }

        var location = $"/api/regions/{request.ToRegionId}/reservations/{request.ReservationId}";
        var moved = dryRun ? null : await cluster.RegionGrain(request.ToRegionId).GetReservationAsync(request.ReservationId);
        var response = moved?.ToResponse(request.ToRegionId) ?? new ReservationResponse(
            request.ReservationId, request.ToRegionId, null, null, request.Resources ?? ImmutableSortedDictionary<string, long>.Empty, body.Consumer, null, null, DateTimeOffset.UtcNow, null,
            ReservationState.Active, null, null, null, null);
        return result.Outcome == RegionOutcome.Replayed ? TypedResults.Ok(response) : TypedResults.Created(location, response);
    }

    public static async Task<Results<Ok<UsageResponse>, ValidationProblem>> GetUsages(IClusterClient cluster, string? project = null)
    {
        if (!RegionNames.IsValidConsumer(project))
        {
            return Problem.Invalid("project", ValidationMessages.ProjectRequired);
        }

        var usage = await cluster.GetGrain<IRegionDirectoryGrain>(IRegionDirectoryGrain.Key).SumUsageAsync(project!);
        return TypedResults.Ok(new UsageResponse(usage.Project, usage.Resources, usage.Regions, usage.AsOf));
    }

    private static Dictionary<string, IReadOnlyDictionary<string, long>> ToResponse(
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> allocations) =>
        allocations.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, long>)p.Value, StringComparer.Ordinal);
}
