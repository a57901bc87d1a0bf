using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// The <c>Link: &lt;…&gt;; rel="next"</c> header of a keyset-paged list: the same path and filters, the same limit,
/// and <c>after</c> set to the last id of the page just served.
/// </summary>
internal static class NextPageLink
{
    public static void Set(HttpRequest request, HttpResponse response, IEnumerable<string> filters, int limit, string lastId)
    {
        var query = new QueryBuilder();
        foreach (var filter in filters)
        {
            if (request.Query[filter] is [{ Length: > 0 } value])
            {
                query.Add(filter, value);
            }
        }

        query.Add("limit", limit.ToString(CultureInfo.InvariantCulture));
        query.Add("after", lastId);
        response.Headers.Link = $"<{request.PathBase}{request.Path}{query}>; rel=\"next\"";
    }
}
