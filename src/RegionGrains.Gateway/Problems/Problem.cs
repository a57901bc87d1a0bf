using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Builds the typed problem results the endpoints return. Problems go out as <see cref="ProblemHttpResult"/>
/// (content type application/problem+json); each route declares its problem statuses for OpenAPI.
/// </summary>
internal static class Problem
{
    /// <summary>
    /// The <c>Retry-After</c> of every 503 (cluster unavailable), in seconds: every such answer says when to ask again,
    /// so that a client (and the tests) follow the gateway's pacing instead of guessing one.
    /// </summary>
    public const string UnavailableRetryAfterSeconds = "2";

    public static ProblemDetails Details(int status, string type, string title, string? detail) => new()
    {
        Status = status,
        Type = type,
        Title = title,
        Detail = detail,
    };

    public static ProblemHttpResult RegionNotFound(string id) =>
        TypedResults.Problem(Details(StatusCodes.Status404NotFound, ProblemTypes.RegionNotFound, "Region not found", $"There is no region '{id}'."));

    public static ProblemHttpResult ReservationNotFound(string id, string reservationId, string? detail = null) =>
        TypedResults.Problem(Details(StatusCodes.Status404NotFound, ProblemTypes.ReservationNotFound, "Reservation not found", detail ?? $"Region '{id}' holds no reservation '{reservationId}'."));

    public static ProblemHttpResult Conflict(string type, string title, string? detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(ConflictDetails(type, title, detail, extensions));

    /// <summary>A 409 problem, for a result that carries problems of its own (one per item of a batch).</summary>
    public static ProblemDetails ConflictDetails(string type, string title, string? detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = Details(StatusCodes.Status409Conflict, type, title, detail);
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    /// <summary>A change to a reservation that a consumer's claim holds: it changes through the consumer.</summary>
    public static ProblemHttpResult HeldByClaim(string? detail, IDictionary<string, object?>? extensions = null) =>
        Conflict(ProblemTypes.HeldByClaim, "The reservation is a claim", detail, extensions);

    /// <summary>A change to a reservation that a change across regions, not decided yet, is changing.</summary>
    public static ProblemHttpResult ChangeInProgress(string? detail, IDictionary<string, object?>? extensions = null) =>
        Conflict(ProblemTypes.ChangeInProgress, "Another change of this reservation is in progress", detail, extensions);

    /// <summary>A reservation to a region whose status takes none.</summary>
    public static ProblemHttpResult NotAccepting(string? detail, IDictionary<string, object?> extensions) =>
        Conflict(ProblemTypes.NotAccepting, "The region does not accept reservations", detail, extensions);

    /// <summary>A request refused with a validation problem by the grain, as a <see cref="ProblemHttpResult"/>.</summary>
    public static ProblemHttpResult InvalidRequest(string field, string message) =>
        BadRequest(ProblemTypes.Validation, ValidationTitle, field, message);

    /// <summary>A capacity or reservation request to a site that is not a data center.</summary>
    public static ProblemHttpResult NotADataCenter(string? detail, SiteKind? kind) => Conflict(
        ProblemTypes.NotADataCenter,
        "The region is not a data center",
        detail,
        new Dictionary<string, object?> { ["kind"] = kind?.ToString() });

    /// <summary>An amount that breaks a pool's unit rules (minUnit, maxUnit, stepSize): 400 naming the rule.</summary>
    public static ProblemHttpResult UnitRule(string field, string? detail) =>
        BadRequest(ProblemTypes.UnitRule, "The amount breaks the pool's unit rules", field, detail ?? "The amount breaks the pool's unit rules.");

    /// <summary>
    /// A 400 of another type than validation that still names the field, as a <see cref="ProblemHttpResult"/> so that
    /// it can stand beside the other refusals of a write.
    /// </summary>
    public static ProblemHttpResult BadRequest(string type, string title, string field, string message)
    {
        var problem = Details(StatusCodes.Status400BadRequest, type, title, message);
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return TypedResults.Problem(problem);
    }

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: ValidationTitle);

    /// <summary>The validation problem <see cref="Invalid(IDictionary{string, string[]})"/> answers, as a body of its own (one item of a batch).</summary>
    public static ProblemDetails InvalidDetails(IDictionary<string, string[]> errors)
    {
        var problem = Details(StatusCodes.Status400BadRequest, ProblemTypes.Validation, ValidationTitle, null);
        problem.Extensions["errors"] = errors;
        return problem;
    }

    /// <summary>The 503 of a cluster that cannot be reached.</summary>
    public static ProblemDetails ClusterUnavailable(string detail = "The region cluster cannot be reached right now; retry shortly.") =>
        Details(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "The cluster is unavailable", detail);

    private const string ValidationTitle = "The request is not valid";
}
