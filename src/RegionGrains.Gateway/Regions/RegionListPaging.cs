using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// <c>limit</c> and <c>after</c> of <c>GET /api/regions</c>: keyset paging by id, and the <c>Link: rel="next"</c>
/// header that carries the caller's filters on to the next page.
/// </summary>
internal readonly record struct RegionListPaging(int Limit, string? After)
{
    private static readonly string[] Filters = ["status", "geography", "kind"];

    /// <summary>Reads the two parameters, adding an error for each that is not valid.</summary>
    public static RegionListPaging Parse(string? limit, string? after, ValidationErrors errors)
    {
        var count = RegionPageQuery.DefaultLimit;
        errors
            .Check(limit is null || StrictNumbers.TryParseInt32(limit, 1, RegionPageQuery.MaxLimit, out count), "limit", ValidationMessages.Limit(RegionPageQuery.MaxLimit))
            .Check(after is null || RegionNames.IsValidRegionId(after), "after", ValidationMessages.AfterRegion);
        return new RegionListPaging(count, after);
    }

    /// <summary>Points to the page after <paramref name="page"/> when more regions follow it.</summary>
    public void SetNextLink(HttpRequest request, HttpResponse response, RegionPage page)
    {
        if (!page.HasMore || page.Regions.IsEmpty)
        {
            return;
        }

        NextPageLink.Set(request, response, Filters, Limit, page.Regions[^1].Id);
    }
}
