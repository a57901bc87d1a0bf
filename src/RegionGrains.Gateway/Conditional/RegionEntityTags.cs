using Microsoft.Extensions.Primitives;
using RegionGrains.Gateway.Http;

namespace RegionGrains.Gateway.Conditional;

/// <summary>
/// The list of entity tags in an <c>If-Match</c> or <c>If-None-Match</c> header, read as region versions: the
/// gateway's tags are versions in quotes, so any other tag names no version.
/// </summary>
internal sealed record RegionEntityTags(bool Any, IReadOnlySet<long> Versions)
{
    /// <summary>
    /// Reads <paramref name="header"/>: true with null when it is absent, false when it is not a list of entity tags
    /// by RFC 9110's grammar (<see cref="EntityTagList"/>). <paramref name="weakNames"/>: whether a weak tag names its
    /// version (weak comparison, If-None-Match) or nothing (strong comparison, If-Match).
    /// </summary>
    public static bool TryParse(StringValues header, bool weakNames, out RegionEntityTags? tags)
    {
        tags = null;
        if (StringValues.IsNullOrEmpty(header))
        {
            return true;
        }

        if (!EntityTagList.TryParse(header, out var any, out var list))
        {
            return false;
        }

        var versions = new HashSet<long>();
        foreach (var tag in list)
        {
            if ((weakNames || !tag.IsWeak) && StrictNumbers.TryParseInt64(tag.Opaque, 0, long.MaxValue, out var version))
            {
                versions.Add(version);
            }
        }

        tags = new RegionEntityTags(any, versions);
        return true;
    }
}
