using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Conditional;

/// <summary>
/// An <c>If-None-Match</c> precondition (RFC 9110 §13.1.2) on a region: <c>*</c>, or a list of entity tags compared
/// weakly (<c>W/"3"</c> names version 3 too). On a GET or HEAD a region it names is answered 304 Not Modified; on
/// <c>PUT /api/regions/{id}</c>, <c>*</c> makes the request create-only and a named version fails it with 412.
/// </summary>
internal sealed class IfNoneMatchCondition
{
    private readonly RegionEntityTags _tags;

    private IfNoneMatchCondition(RegionEntityTags tags) => _tags = tags;

    /// <summary>Reads the header: true with null when it is absent, false when it is not a list of entity tags.</summary>
    public static bool TryParse(StringValues header, out IfNoneMatchCondition? condition)
    {
        var valid = RegionEntityTags.TryParse(header, weakNames: true, out var tags);
        condition = tags is null ? null : new IfNoneMatchCondition(tags);
        return valid;
    }

    /// <summary>Whether the header names the region at <paramref name="current"/> (null: missing, which nothing names).</summary>
    public bool Names(long? current) => current is { } version && (_tags.Any || _tags.Versions.Contains(version));

    /// <summary>The 412 for a write whose If-None-Match names the region at <paramref name="current"/>.</summary>
    public static ProblemHttpResult Failed(long? current) =>
        TypedResults.Problem(Problem.Details(
            StatusCodes.Status412PreconditionFailed,
            ProblemTypes.RegionExists,
            "The region exists",
            $"The region exists at version {current}, which If-None-Match excludes (* excludes every version: the request only creates)."));
}
