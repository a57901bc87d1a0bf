using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// An <c>If-Match</c> precondition (RFC 9110 §13.1.1): <c>*</c>, or a list of entity tags compared strongly. A weak
/// tag never matches, and neither does any tag when the region does not exist.
/// </summary>
internal sealed class IfMatchCondition
{
    private readonly bool _any;
    private readonly HashSet<long> _versions;

    private IfMatchCondition(bool any, HashSet<long> versions)
    {
        _any = any;
        _versions = versions;
    }

    /// <summary>Reads the header: true with null when it is absent, false when it is not a list of entity tags.</summary>
    public static bool TryParse(StringValues header, out IfMatchCondition? condition)
    {
        condition = null;
        if (StringValues.IsNullOrEmpty(header))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            return false;
        }

        var versions = new HashSet<long>();
        foreach (var tag in tags)
        {
            // The gateway's tags are versions in quotes; a weak tag or any other tag can never match strongly.
            if (!tag.IsWeak && !tag.Equals(EntityTagHeaderValue.Any) &&
                long.TryParse(HeaderUtilities.RemoveQuotes(tag.Tag), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        condition = new IfMatchCondition(tags.Any(t => t.Equals(EntityTagHeaderValue.Any)), versions);
        return true;
    }

    /// <summary>The version the change must apply at, or null when the precondition fails for a region at <paramref name="current"/>.</summary>
    public long? Match(long? current) => current switch
    {
        null => null,
        { } version when _any || _versions.Contains(version) => version,
        _ => null,
    };
}
