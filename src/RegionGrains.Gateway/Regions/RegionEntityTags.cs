using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// The list of entity tags in an <c>If-Match</c> or <c>If-None-Match</c> header, read as region versions: the
/// gateway's tags are versions in quotes, so any other tag names no version.
/// </summary>
internal sealed record RegionEntityTags(bool Any, IReadOnlySet<long> Versions)
{
    /// <summary>
    /// Reads <paramref name="header"/>: true with null when it is absent, false when it is not a list of entity tags.
    /// <paramref name="weakNames"/>: whether a weak tag names its version (weak comparison, If-None-Match) or nothing
    /// (strong comparison, If-Match).
    /// </summary>
    public static bool TryParse(StringValues header, bool weakNames, out RegionEntityTags? tags)
    {
        tags = null;
        if (StringValues.IsNullOrEmpty(header))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var list) || list.Count == 0)
        {
            return false;
        }

        var versions = new HashSet<long>();
        foreach (var tag in list)
        {
            if ((weakNames || !tag.IsWeak) && !tag.Equals(EntityTagHeaderValue.Any) &&
                long.TryParse(HeaderUtilities.RemoveQuotes(tag.Tag), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        tags = new RegionEntityTags(list.Any(t => t.Equals(EntityTagHeaderValue.Any)), versions);
        return true;
    }
}
