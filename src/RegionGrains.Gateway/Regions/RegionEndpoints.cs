using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Regions;

/// <summary>The <c>/api/regions</c> resource: directory, definition, status, capacity and history.</summary>
public static class RegionEndpoints
{
    private const int DefaultHistoryLimit = 50;
    private const int MaxHistoryLimit = 1_000;

    public static IEndpointRouteBuilder MapRegionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions").WithTags("Regions")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListRegions).WithName(nameof(ListRegions)).ProducesValidationProblem().WithSummary("List regions sorted by id, optionally filtered by status, geography and site kind, a page at a time: at most limit (default 1000, at most 5000) after the id after; a Link rel=\"next\" header points to the next page.");
        group.MapGet("/{id}", GetRegion).WithName(nameof(GetRegion)).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get one region; the ETag header carries its version.");
        group.MapPut("/{id}", PutRegion).WithName(nameof(PutRegion)).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).WithSummary("Create a region (status Planned) or update its definition; If-Match makes the update conditional. A region's kind is fixed once created.");
        group.MapPost("/{id}/status", ChangeStatus).WithName(nameof(ChangeStatus)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Move a region to another status, with a reason.");
        group.MapPut("/{id}/capacity/{resource}", SetCapacity).WithName(nameof(SetCapacity)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Set the total of a capacity pool; never below what is reserved.");
        group.MapGet("/{id}/history", GetHistory).WithName(nameof(GetHistory)).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The region's changes, newest first, paged with limit and before (a Link rel=\"next\" header points to the next page).");
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
        RegionStatus? statusFilter = null;
        Geography? geographyFilter = null;
        SiteKind? kindFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            errors.Check(Enum.TryParse<RegionStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _), "status", $"status must be one of {string.Join(", ", Enum.GetNames<RegionStatus>())}.");
            statusFilter = s;
        }

        if (!string.IsNullOrEmpty(geography))
        {
            errors.Check(Enum.TryParse<Geography>(geography, ignoreCase: true, out var g) && Enum.IsDefined(g) && !int.TryParse(geography, out _), "geography", $"geography must be one of {string.Join(", ", Enum.GetNames<Geography>())}.");
            geographyFilter = g;
        }

        if (!string.IsNullOrEmpty(kind))
        {
            // Exact names only: no numbers, no other casing, no comma-joined flags.
            errors.Check(Enum.TryParse<SiteKind>(kind, out var k) && Enum.GetName(k) == kind, "kind", $"kind must be one of {string.Join(", ", Enum.GetNames<SiteKind>())}.");
            kindFilter = k;
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var page = await cluster.RegionDirectory().ListAsync(new RegionPageQuery(paging.After, paging.Limit, statusFilter, geographyFilter, kindFilter));
        paging.SetNextLink(request, response, page);
        return TypedResults.Ok(page.Regions.Select(r => r.ToResponse()).ToArray());
    }

    public static async Task<Results<SerializedRegionResult, ProblemHttpResult, ValidationProblem>> GetRegion(
        string id,
        IClusterClient cluster,
        RegionResponseCache cache,
        HttpResponse response)
    {
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var region = await cluster.RegionGrain(id).GetAsync();
        if (region is null)
        {
            return Problem.RegionNotFound(id);
        }

        var cached = cache.Get(region);
        response.Headers.ETag = cached.ETag;
        return new SerializedRegionResult(cached.Body);
    }

    public static async Task<Results<Created<RegionResponse>, Ok<RegionResponse>, ValidationProblem, ProblemHttpResult>> PutRegion(
        string id,
        RegionDefinitionRequest body,
        IClusterClient cluster,
        HttpRequest request,
        HttpResponse response)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(!string.IsNullOrWhiteSpace(body.DisplayName) && body.DisplayName.Length <= 200, "displayName", "displayName is required, 1 to 200 characters.")
            .Check(RegionNames.IsValidCountryCode(body.CountryCode), "countryCode", "countryCode must be an ISO 3166-1 alpha-2 code such as BR.")
            .Check(body.Geography is { } g && Enum.IsDefined(g), "geography", $"geography must be one of {string.Join(", ", Enum.GetNames<Geography>())}.")
            .Check(body.Latitude is >= -90 and <= 90, "latitude", "latitude is required, between -90 and 90.")
            .Check(body.Longitude is >= -180 and <= 180, "longitude", "longitude is required, between -180 and 180.")
            .Check(body.Kind is null || Enum.IsDefined(body.Kind.Value), "kind", $"kind must be one of {string.Join(", ", Enum.GetNames<SiteKind>())} (DataCenter when omitted).");
        var kind = body.Kind ?? SiteKind.DataCenter;
        foreach (var (field, message) in SiteRules.Problems(kind, body.Languages, body.SupportHours))
        {
            errors.Check(false, field, message);
        }

        var ifMatch = ParseIfMatch(request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.RegionGrain(id);
        long? expected = ifMatch switch
        {
            null => null,
            IfMatch.Version v => v.Value,
            _ => (await grain.GetAsync())?.Version ?? -1,
        };
        var definition = new RegionDefinition(
            body.DisplayName!, body.CountryCode!, body.Geography!.Value, body.Latitude!.Value, body.Longitude!.Value, kind, [.. body.Languages ?? []], body.SupportHours);
        var result = await grain.DefineAsync(definition, expected);
        switch (result.Outcome)
        {
            case RegionOutcome.Created:
                response.Headers.ETag = result.Region!.ToETag();
                return TypedResults.Created($"/api/regions/{id}", result.Region!.ToResponse());
            case RegionOutcome.Ok:
                response.Headers.ETag = result.Region!.ToETag();
                return TypedResults.Ok(result.Region!.ToResponse());
            case RegionOutcome.KindChangeRefused:
                return Problem.Conflict(
                    ProblemTypes.KindChangeRefused,
                    "A region's kind cannot change",
                    result.Detail,
                    new Dictionary<string, object?> { ["kind"] = result.Region?.Definition.Kind.ToString() });
            case RegionOutcome.VersionMismatch:
                return TypedResults.Problem(Problem.Details(StatusCodes.Status412PreconditionFailed, ProblemTypes.VersionMismatch, "The region has changed", ifMatch is not IfMatch.Version ? "The region does not exist, and If-Match: * requires that it does." : result.Detail));
            default:
                return Problem.Invalid("definition", result.Detail ?? "The definition is not valid.");
        }
    }

    public static async Task<Results<Ok<RegionResponse>, ProblemHttpResult, ValidationProblem>> ChangeStatus(
        string id,
        StatusChangeRequest body,
        IClusterClient cluster)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(body.Status is { } s && Enum.IsDefined(s), "status", $"status is required, one of {string.Join(", ", Enum.GetNames<RegionStatus>())}.")
            .Check(!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Length <= 500, "reason", "reason is required, 1 to 500 characters.");
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var result = await cluster.RegionGrain(id).ChangeStatusAsync(body.Status!.Value, body.Reason!);
        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.Ok(result.Region!.ToResponse()),
            RegionOutcome.NotFound => Problem.RegionNotFound(id),
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
        IClusterClient cluster)
    {
        var errors = new ValidationErrors()
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(RegionNames.IsValidResource(resource), "resource", $"Resource names match {RegionNames.ResourceRegex}.")
            .Check(body.Total is >= 0, "total", "total is required and cannot be negative.");
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var result = await cluster.RegionGrain(id).SetCapacityAsync(resource, body.Total!.Value);
        return result.Outcome switch
        {
            RegionOutcome.Ok => TypedResults.Ok(result.Region!.ToResponse()),
            RegionOutcome.NotFound => Problem.RegionNotFound(id),
            RegionOutcome.BelowReserved => Problem.Conflict(
                ProblemTypes.BelowReserved,
                "Total below what is reserved",
                result.Detail,
                new Dictionary<string, object?> { ["reserved"] = result.Region!.Capacity[resource].Reserved }),
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
            .Check(RegionNames.IsValidRegionId(id), "id", $"Region ids match {RegionNames.RegionIdRegex}.")
            .Check(limit is null || (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxHistoryLimit), "limit", $"limit must be an integer from 1 to {MaxHistoryLimit}.")
            .Check(before is null || (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out beforeVersion) && beforeVersion >= 1), "before", "before must be a version number of 1 or more.");
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

    internal static ValidationProblem? InvalidId(string id) =>
        RegionNames.IsValidRegionId(id) ? null : Problem.Invalid("id", $"Region ids match {RegionNames.RegionIdRegex}.");

    private static IfMatch? ParseIfMatch(HttpRequest request, ValidationErrors errors)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        if (header == "*")
        {
            return IfMatch.Any;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        var ok = tag.Length >= 3 && tag[0] == '"' && tag[^1] == '"' &&
            long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version);
        errors.Check(ok, "If-Match", "If-Match must be * or one ETag as returned by GET, e.g. \"3\".");
        return ok ? new IfMatch.Version(long.Parse(tag.AsSpan(1, tag.Length - 2), CultureInfo.InvariantCulture)) : null;
    }

    private abstract record IfMatch
    {
        public static readonly IfMatch Any = new AnyTag();

        public sealed record Version(long Value) : IfMatch;

        private sealed record AnyTag : IfMatch;
    }
}
