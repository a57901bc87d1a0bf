using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Grains;
using RegionGrains.Gateway.Conditional;

namespace RegionGrains.Gateway.Regions;

/// <summary>The <c>/api/regions</c> resource: directory, definition, status, capacity and history.</summary>
public static partial class RegionEndpoints
{
    private const int DefaultHistoryLimit = 50;
    private const int MaxHistoryLimit = 1_000;

    public static IEndpointRouteBuilder MapRegionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/regions", "Regions");
        group.MapGet("/", ListRegions)
            .WithName(nameof(ListRegions))
            .RequireAccess(app, GatewayPolicies.Read)
            .ProducesValidationProblem()
            .WithSummary("List regions sorted by id, optionally filtered by status, geography and site kind, a page at a time: at most limit (default 1000, at most 5000) after the id after; a Link rel=\"next\" header points to the next page.");
        group.MapGet("/{id}", GetRegion)
            .WithName(nameof(GetRegion))
            .HonoursIfNoneMatch()
            .RequireAccess(app, GatewayPolicies.Read)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one region; the ETag header carries its version, and If-None-Match with it answers 304 while the region is unchanged.");
        group.MapPut("/{id}", PutRegion)
            .WithName(nameof(PutRegion))
            .HonoursIfMatch(ifNoneMatch: true)
            .RequireAccess(app, GatewayPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create a region (status Planned) or update its definition; If-Match makes the update conditional, If-None-Match: * makes the request create-only. A region's kind is fixed once created.");
        group.MapPost("/{id}/status", ChangeStatus)
            .WithName(nameof(ChangeStatus))
            .HonoursIfMatch()
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move a region to another status, with a reason; If-Match (the region's ETag) makes the change conditional.");
        group.MapPut("/{id}/capacity/{resource}", SetCapacity)
            .WithName(nameof(SetCapacity))
            .HonoursIfMatch()
            .RequireAccess(app, GatewayPolicies.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set the total and allocation policy of a capacity pool (heldBack, overcommit, minUnit, maxUnit, stepSize; a field left out takes its default); usable = floor((total - heldBack) x overcommit) never below what is reserved. If-Match (the region's ETag) makes the change conditional; ?dryRun=true answers without storing.");
        group.MapGet("/{id}/history", GetHistory)
            .WithName(nameof(GetHistory))
            .RequireAccess(app, GatewayPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The region's changes, newest first, paged with limit and before (a Link rel=\"next\" header points to the next page).");

        // Beside the group: the custom method ":batch" is part of the collection's own segment, not a segment below it.
        app.MapApiGroup("/api", "Regions").MapPost("/regions:batch", DefineRegions)
            .WithName(nameof(DefineRegions))
            .WithBodyLimit(MaxBatchBytes)
            .RequireAccess(app, GatewayPolicies.Administer)
            .WithSummary($"Define up to {MaxBatchRegions} regions in one request (body up to {MaxBatchBytes} bytes), each as PUT /api/regions/{{id}} would: every region all or nothing and durable before it is answered. Answers 200 with one result per region in request order (created, updated, unchanged, or failed with the problem PUT would answer); ?dryRun=true answers without storing.");
        return app;
    }

    public static async Task<Results<Ok<RegionResponse[]>, ValidationProblem>> ListRegions(
        IClusterClient cluster,
        HttpRequest request,
        HttpResponse response,
        string? status = null,
        string? geography = null,
        string? kind = null,
        string? limit = null,
        string? after = null)
    {
        var errors = new ValidationErrors();
        var paging = RegionListPaging.Parse(limit, after, errors);
        var statusFilter = errors.Filter<RegionStatus>(status, "status");
        var geographyFilter = errors.Filter<Geography>(geography, "geography");
        var kindFilter = errors.Filter<SiteKind>(kind, "kind");
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var page = await cluster.RegionDirectory().ListAsync(new RegionPageQuery(paging.After, paging.Limit, statusFilter, geographyFilter, kindFilter));
        paging.SetNextLink(request, response, page);
        return TypedResults.Ok(page.Regions.Select(r => r.ToResponse()).ToArray());
    }

    public static async Task<Results<SerializedRegionResult, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetRegion(
        string id,
        IClusterClient cluster,
        RegionResponseCache cache,
        HttpRequest request,
        HttpResponse response)
    {
        // The id first, then the header: a request with both wrong hears of the id only.
        var errors = new ValidationErrors().RegionId(id);
        IfNoneMatchCondition? ifNoneMatch = null;
        if (!errors.IsEmpty || !errors.IfNoneMatch(request, out ifNoneMatch).IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var region = await cluster.RegionGrain(id).GetAsync();
        if (region is null)
        {
            return Problem.RegionNotFound(id);
        }

        var cached = cache.Get(region);
        response.Headers.ETag = cached.ETag;

        // A client holding this version already: 304 with the ETag and no content (RFC 9110 §13.1.2, §15.4.5).
        return ifNoneMatch?.Names(region.Version) == true
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : new SerializedRegionResult(cached.Body);
    }

    public static async Task<Results<Created<RegionResponse>, Ok<RegionResponse>, ValidationProblem, ProblemHttpResult>> PutRegion(
        string id,
        RegionDefinitionRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var (request, response) = (context.Request, context.Response);
        var errors = new ValidationErrors().RegionId(id).Definition(body);
        errors.IfMatch(request, out var ifMatch).IfNoneMatch(request, out var ifNoneMatch);
        var dryRun = DryRunQuery.Read(request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        long? expected = null;
        if (ifMatch is not null || ifNoneMatch is not null)
        {
            // Read first, If-Match before If-None-Match (RFC 9110 §13.2.2). Without If-Match a missing region would be
            // created, so with it the region's absence fails. The grain checks the version again as it applies the
            // change: pinned to the version read (0 while missing), a creation or change in between fails too.
            var current = (await grain.GetAsync())?.Version;
            if (ifMatch is not null && !ifMatch.TryPinExisting(current, out expected))
            {
                return IfMatchCondition.Failed(current);
            }

            if (ifNoneMatch is not null)
            {
                if (ifNoneMatch.Names(current))
                {
                    return IfNoneMatchCondition.Failed(current);
                }

                expected ??= current ?? 0;
            }
        }

        var result = await grain.DefineAsync(body.ToDefinition(), expected, dryRun);
        switch (result.Outcome)
        {
            case RegionOutcome.Created:
                response.Headers.ETag = result.Region!.ToETag();
                if (!dryRun)
                {
                    log.Defined(context, id, result.Region!.Version);
                }

                return TypedResults.Created($"/api/regions/{id}", result.Region!.ToResponse());
            case RegionOutcome.Ok:
                response.Headers.ETag = result.Region!.ToETag();
                if (!dryRun)
                {
                    log.Defined(context, id, result.Region!.Version);
                }

                return TypedResults.Ok(result.Region!.ToResponse());
            case RegionOutcome.VersionMismatch:
                return ifMatch is null && ifNoneMatch is not null ? IfNoneMatchCondition.Failed(result.Region?.Version) : IfMatchCondition.Failed(result.Region?.Version);
            default:
                return TypedResults.Problem(RegionDefinitionChecks.Refusal(result));
        }
    }

    public static async Task<Results<Ok<RegionResponse>, ProblemHttpResult, ValidationProblem>> ChangeStatus(
        string id,
        StatusChangeRequest body,
        IClusterClient cluster,
        HttpContext context,
        GatewaySecurity security,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .RegionId(id)
            .Check(body.Status is { } s && Enum.IsDefined(s), "status", ValidationMessages.Status)
            .Check(RegionValidation.IsValidReason(body.Reason), "reason", ValidationMessages.Reason)
            .IfMatch(context.Request, out var ifMatch);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        if (!GatewayAccess.MayMoveTo(security, context.User, body.Status!.Value))
        {
            return TypedResults.Problem(ProblemAuthorizationResultHandler.Forbidden($"Only the {GatewayRoles.Admin} role may decommission a region."));
        }

        var grain = cluster.RegionGrain(id);
        var result = await grain.ChangeStatusAsync(body.Status!.Value, body.Reason!, await IfMatchCondition.PinAsync(ifMatch, grain), dryRun);
        if (result.Outcome == RegionOutcome.Ok)
        {
            if (!dryRun)
            {
                log.StatusChanged(context, id, body.Status.Value, body.Reason!);
            }

            context.Response.Headers.ETag = result.Region!.ToETag();
        }

        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.Ok(result.Region!.ToResponse()),
            RegionOutcome.NotFound => Problem.RegionNotFound(id),
            RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
            RegionOutcome.InvalidTransition => Problem.Conflict(
                ProblemTypes.InvalidTransition,
                "Status change not allowed",
                result.Detail,
                new Dictionary<string, object?> { ["currentStatus"] = result.Region!.Status.ToString(), ["allowedTargets"] = result.AllowedTargets.Select(t => t.ToString()).ToArray() }),
            RegionOutcome.ReservationsHeld => Problem.Conflict(
                ProblemTypes.ReservationsHeld,
                "Reservations are still held",
                result.Detail,
                new Dictionary<string, object?> { ["reservations"] = result.Region!.Reservations }),
            _ => Problem.Invalid("status", result.Detail ?? "The status change is not valid."),
        };
    }

    public static async Task<Results<Ok<RegionResponse>, ProblemHttpResult, ValidationProblem>> SetCapacity(
        string id,
        string resource,
        CapacityRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log)
    {
        var errors = new ValidationErrors()
            .RegionId(id)
            .Resource(resource)
            .Check(body.Total is { } total && RegionValidation.IsValidTotal(total), "total", ValidationMessages.Total)
            .IfMatch(context.Request, out var ifMatch);
        var policy = body.ToPolicy();
        if (body.Total is { } checkedTotal && RegionValidation.IsValidTotal(checkedTotal))
        {
            foreach (var (field, message) in RegionValidation.PolicyProblems(checkedTotal, policy))
            {
                errors.Check(false, field, message);
            }
        }

        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        var result = await grain.SetCapacityAsync(resource, body.Total!.Value, await IfMatchCondition.PinAsync(ifMatch, grain), policy, dryRun);
        if (result.Outcome == RegionOutcome.Ok)
        {
            if (!dryRun)
            {
                log.CapacitySet(context, id, resource, body.Total.Value);
            }

            context.Response.Headers.ETag = result.Region!.ToETag();
        }

        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.Ok(result.Region!.ToResponse()),
            RegionOutcome.NotFound => Problem.RegionNotFound(id),
            RegionOutcome.VersionMismatch => IfMatchCondition.Failed(result.Region?.Version),
            RegionOutcome.BelowReserved => Problem.Conflict(
                ProblemTypes.BelowReserved,
                "Less would be usable than is reserved",
                result.Detail,
                result.At is { } at
                    ? new Dictionary<string, object?> { ["reserved"] = result.Region!.Capacity[resource].Reserved, ["at"] = at }
                    : new Dictionary<string, object?> { ["reserved"] = result.Region!.Capacity[resource].Reserved }),
            RegionOutcome.NotADataCenter => Problem.NotADataCenter(result.Detail, result.Region?.Definition.Kind),
            _ => Problem.Invalid("total", result.Detail ?? "The capacity is not valid."),
        };
    }

    public static async Task<Results<Ok<RegionEventResponse[]>, ProblemHttpResult, ValidationProblem>> GetHistory(
        string id,
        IClusterClient cluster,
        HttpRequest request,
        HttpResponse response,
        string? limit = null,
        string? before = null)
    {
        var count = DefaultHistoryLimit;
        var beforeVersion = 0L;
        var errors = new ValidationErrors()
            .RegionId(id)
            .Check(limit is null || StrictNumbers.TryParseInt32(limit, 1, MaxHistoryLimit, out count), "limit", ValidationMessages.Limit(MaxHistoryLimit))
            .Check(before is null || StrictNumbers.TryParseInt64(before, 1, long.MaxValue, out beforeVersion), "before", ValidationMessages.BeforeVersion);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var page = await cluster.RegionGrain(id).GetHistoryAsync(count, before is null ? null : beforeVersion);
        if (page is null)
        {
            return Problem.RegionNotFound(id);
        }

        if (page.NextBefore is { } next)
        {
            response.Headers.Link = string.Create(
                CultureInfo.InvariantCulture,
                $"<{request.PathBase}/api/regions/{id}/history?limit={count}&before={next}>; rel=\"next\"");
        }

        return TypedResults.Ok(page.Events.Select(e => e.ToResponse()).ToArray());
    }
}
