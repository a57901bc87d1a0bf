using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Gateway.Security;

namespace RegionGrains.Gateway.Schedule;

/// <summary>The <c>/api/regions/{id}/schedule</c> resource: status and capacity changes a region makes at a later instant.</summary>
public static class ScheduleEndpoints
{
    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/regions/{id}/schedule", "Schedule")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", ScheduleChange)
            .WithName(nameof(ScheduleChange))
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Schedule a status change (status with reason) and/or pool totals (capacity: resource to total) for the instant at (RFC 3339 with an offset, in the future, within ten years); 201 with Location. The region fires it by itself at that time, as actor system naming who scheduled it; a change the region refuses then (a transition not allowed, a total below what is reserved) is recorded as failed with the refusal. changeId is an idempotency key: the same id with the same body answers the original (200). Decommissioning needs the admin role; ?dryRun=true answers without storing.");
        group.MapGet("/", ListSchedule)
            .WithName(nameof(ListSchedule))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("The region's pending scheduled changes in firing order, then the most recently fired, failed and cancelled ones (newest first) with their outcome.");
        group.MapGet("/{changeId}", GetScheduledChange)
            .WithName(nameof(GetScheduledChange))
            .RequireAccess(app, GatewayPolicies.Read)
            .WithSummary("One scheduled change, pending or recently ended (its state says which, and detail why a failed one was refused).");
        group.MapDelete("/{changeId}", CancelScheduledChange)
            .WithName(nameof(CancelScheduledChange))
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a pending scheduled change (a cancelled one answers 204 again; one that already fired or failed is 409 scheduled-change-ended); ?dryRun=true answers without cancelling.");
        return app;
    }

    public static async Task<Results<Created<ScheduledChangeResponse>, Ok<ScheduledChangeResponse>, ProblemHttpResult, ValidationProblem>> ScheduleChange(
        string id,
        ScheduleChangeRequest body,
        IClusterClient cluster,
        HttpContext context,
        GatewaySecurity security,
        AuditLog log)
    {
        var errors = new ValidationErrors().RegionId(id);
        var atParsed = errors.Instant(body.At, "at", out var at);
        var changeId = body.ChangeId ?? Guid.NewGuid().ToString("N");
        foreach (var (field, message) in ScheduleValidation.Problems(DateTimeOffset.UtcNow, changeId, at, body.Status, body.Reason, body.Capacity))
        {
            // An instant that does not parse already has its message.
            errors.Check(!atParsed && field == "at", field, message);
        }

        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        if (body.Status is { } target && !GatewayAccess.MayMoveTo(security, context.User, target))
        {
            return TypedResults.Problem(ProblemAuthorizationResultHandler.Forbidden($"Only the {GatewayRoles.Admin} role may decommission a region."));
        }

        var request = new ScheduleRequest(changeId, at!.Value, body.Status, body.Reason, body.Capacity?.ToImmutableSortedDictionary(StringComparer.Ordinal));
        var result = await cluster.RegionGrain(id).ScheduleAsync(request, dryRun);
        if (result.Outcome == RegionOutcome.Created && !dryRun)
        {
            log.Scheduled(context, id, result.Change!);
        }

        return result.Outcome switch
        {
            RegionOutcome.Created => TypedResults.Created($"/api/regions/{id}/schedule/{changeId}", result.Change!.ToResponse(id)),
            RegionOutcome.Replayed => TypedResults.Ok(result.Change!.ToResponse(id)),
            RegionOutcome.NotFound => Problem.RegionNotFound(id),
            RegionOutcome.NotADataCenter => Problem.NotADataCenter(result.Detail, null),
            RegionOutcome.ChangeIdReused => Problem.Conflict(ProblemTypes.ChangeIdReused, "The change id is already used", result.Detail),
            _ => Problem.InvalidRequest(result.Detail == ValidationMessages.At ? "at" : "changeId", result.Detail ?? "The scheduled change is not valid."),
        };
    }

    public static async Task<Results<Ok<ScheduledChangeResponse[]>, ProblemHttpResult, ValidationProblem>> ListSchedule(string id, IClusterClient cluster)
    {
        var errors = new ValidationErrors().RegionId(id);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        return await cluster.RegionGrain(id).GetScheduleAsync() is { } schedule
            ? TypedResults.Ok(schedule.Select(c => c.ToResponse(id)).ToArray())
            : Problem.RegionNotFound(id);
    }

    public static async Task<Results<Ok<ScheduledChangeResponse>, ProblemHttpResult, ValidationProblem>> GetScheduledChange(string id, string changeId, IClusterClient cluster)
    {
        var errors = new ValidationErrors().RegionId(id).ChangeId(changeId);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var result = await cluster.RegionGrain(id).GetScheduledAsync(changeId);
        return result.Change is { } change ? TypedResults.Ok(change.ToResponse(id)) : NotFound(id, result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> CancelScheduledChange(
        string id,
        string changeId,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors().RegionId(id).ChangeId(changeId);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var result = await cluster.RegionGrain(id).CancelScheduledAsync(changeId, dryRun);
        if (result.Outcome == RegionOutcome.Ok && !dryRun)
        {
            log.ScheduleCancelled(context, id, changeId);
        }

        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.NoContent(),
            RegionOutcome.AlreadyFired => Problem.Conflict(
                ProblemTypes.ScheduledChangeEnded,
                "The scheduled change has already fired",
                result.Detail,
                new Dictionary<string, object?> { ["state"] = result.Change?.State.ToString() }),
            _ => NotFound(id, result),
        };
    }

    private static ProblemHttpResult NotFound(string id, ScheduleResult result) =>
        result.RegionExists
            ? TypedResults.Problem(Problem.Details(StatusCodes.Status404NotFound, ProblemTypes.ScheduledChangeNotFound, "Scheduled change not found", result.Detail))
            : Problem.RegionNotFound(id);

    private static ValidationErrors ChangeId(this ValidationErrors errors, string changeId) =>
        errors.Check(RegionNames.IsValidReservationId(changeId), "changeId", ValidationMessages.ChangeId);
}
