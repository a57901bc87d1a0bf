using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Conditional;

/// <summary>
/// An <c>If-Match</c> precondition (RFC 9110 §13.1.1) on a write to a region or to one of its parts (status, a
/// capacity pool, its reservations): <c>*</c>, or a list of entity tags compared strongly with the region's ETag. A
/// weak tag never matches. The grain checks the version again as it applies the change, so a change made by
/// someone else in between still fails.
/// </summary>
internal sealed class IfMatchCondition
{
    /// <summary>A version no region is ever at: pinned when no tag of the header can match, so the grain refuses.</summary>
    private const long NoVersion = -1;

    private readonly RegionEntityTags _tags;

    private IfMatchCondition(RegionEntityTags tags) => _tags = tags;

    /// <summary>Reads the header: true with null when it is absent, false when it is not a list of entity tags.</summary>
    public static bool TryParse(StringValues header, out IfMatchCondition? condition)
    {
        var valid = RegionEntityTags.TryParse(header, weakNames: false, out var tags);
        condition = tags is null ? null : new IfMatchCondition(tags);
        return valid;
    }

    /// <summary>
    /// The version a write to an existing region's part must apply at, for the grain to check: null for none (no
    /// header, or <c>*</c>, which any existing region meets). A missing region is left to the command, which answers
    /// 404: a condition is not evaluated on a request that would fail without it (RFC 9110 §13.2.1).
    /// </summary>
    public static ValueTask<long?> PinAsync(IfMatchCondition? condition, IRegionGrain region) =>
        PinAsync(condition, async () => (await region.GetAsync())?.Version);

    /// <summary>The same for any resource whose current version <paramref name="current"/> reads (only when several tags are given).</summary>
    public static async ValueTask<long?> PinAsync(IfMatchCondition? condition, Func<Task<long?>> current)
    {
        if (condition is null || condition._tags.Any)
        {
            return null;
        }

        if (condition._tags.Versions.Count <= 1)
        {
            // One tag: the grain compares it, no read needed. None (weak or foreign tags only): nothing can match.
            return condition._tags.Versions.Count == 1 ? condition._tags.Versions.First() : NoVersion;
        }

        // Several tags: the one the region is at now, if it is listed.
        return await current() is { } version && condition._tags.Versions.Contains(version) ? version : NoVersion;
    }

    /// <summary>
    /// For <c>PUT /api/regions/{id}</c>, where a missing region would be created: the version to apply at (null for
    /// <c>*</c>), or false when the precondition fails, the region's absence included.
    /// </summary>
    public bool TryPinExisting(long? current, out long? version)
    {
        version = null;
        if (current is not { } at || !(_tags.Any || _tags.Versions.Contains(at)))
        {
            return false;
        }

        version = _tags.Any ? null : at;
        return true;
    }

    /// <summary>The 412 for a region (or another <paramref name="resource"/>) at <paramref name="current"/> (null: missing) that no tag names.</summary>
    public static ProblemHttpResult Failed(long? current, string resource = "region") =>
        TypedResults.Problem(Problem.Details(
            StatusCodes.Status412PreconditionFailed,
            ProblemTypes.VersionMismatch,
            $"The {resource} has changed",
            current is { } version
                ? $"The {resource} is at version {version}, which If-Match does not name (tags are compared strongly; weak tags never match)."
                : $"The {resource} does not exist; If-Match requires that it does."));
}
