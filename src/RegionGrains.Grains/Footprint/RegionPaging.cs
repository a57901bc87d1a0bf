using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>One partition's page of the directory: a keyset page over its ids kept in order.</summary>
internal static class RegionPaging
{
    // Greater than every region id (ids are lowercase ASCII), so a view up to it holds everything after the cursor.
    private const string AfterEveryId = "\uffff";

    /// <summary>
    /// The page after <see cref="RegionPageQuery.After"/> over <paramref name="sortedIds"/>. An id without a snapshot in
    /// <paramref name="regions"/> (a member the partition has not read back yet), or one in <paramref name="unconfirmed"/>
    /// (a snapshot loaded from the partition's stream and not yet checked against the region's journal), is added to
    /// <paramref name="unread"/> instead; when any is, the page is incomplete and the caller reads them and asks again.
    /// At most <see cref="RegionPageQuery.Limit"/> + 1 are collected per call.
    /// </summary>
    public static RegionPage Page(
        SortedSet<string> sortedIds,
        IReadOnlyDictionary<string, RegionSnapshot> regions,
        RegionPageQuery query,
        List<string> unread,
        IReadOnlySet<string>? unconfirmed = null)
    {
        var limit = Math.Clamp(query.Limit, 1, RegionPageQuery.MaxLimit);
        if (query.After is not null && string.CompareOrdinal(query.After, AfterEveryId) >= 0)
        {
            return new RegionPage([], HasMore: false);
        }

        var candidates = query.After is null ? sortedIds : sortedIds.GetViewBetween(query.After, AfterEveryId);
        var page = ImmutableArray.CreateBuilder<RegionSnapshot>(Math.Min(limit, 256));
        foreach (var id in candidates)
        {
            if (query.After is not null && string.CompareOrdinal(id, query.After) <= 0)
            {
                continue;
            }

            if (!regions.TryGetValue(id, out var region) || unconfirmed?.Contains(id) == true)
            {
                unread.Add(id);
                if (unread.Count > limit)
                {
                    break;
                }

                continue;
            }

            if (!query.Matches(region))
            {
                continue;
            }

            if (page.Count == limit)
            {
                return new RegionPage(page.ToImmutable(), HasMore: true);
            }

            page.Add(region);
        }

        return new RegionPage(page.ToImmutable(), HasMore: false);
    }
}
