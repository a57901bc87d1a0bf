using RegionGrains.Gateway.Problems;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Conditional;

/// <summary>Reads a request's conditional headers, adding a field error for a header that is not a list of entity tags.</summary>
internal static class ConditionalErrors
{
    public static ValidationErrors IfMatch(this ValidationErrors errors, HttpRequest request, out IfMatchCondition? condition) =>
        errors.Check(IfMatchCondition.TryParse(request.Headers.IfMatch, out condition), "If-Match", ValidationMessages.IfMatch);

    public static ValidationErrors IfNoneMatch(this ValidationErrors errors, HttpRequest request, out IfNoneMatchCondition? condition) =>
        errors.Check(IfNoneMatchCondition.TryParse(request.Headers.IfNoneMatch, out condition), "If-None-Match", ValidationMessages.IfNoneMatch);
}
