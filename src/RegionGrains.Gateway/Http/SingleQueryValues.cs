using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// A query parameter is given once. The framework joins the values of a repeated one with commas before an endpoint
/// reads it, so <c>?cursor=a&amp;cursor=b</c> would page from "a,b" and <c>?status=Online&amp;status=Offline</c> would be
/// refused as a misspelt status; no parameter of the API takes several values that way (lists are one value, joined
/// with commas, as <c>?state=</c> and <c>?resources=</c> document). A repeated parameter is a 400 naming each. Only the
/// API's own routes (<c>/api/…</c>) are held to it; the platform's (health, metrics, OpenAPI) keep their own rules.
/// </summary>
internal static class SingleQueryValues
{
    public static IApplicationBuilder UseSingleQueryValues(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Dictionary<string, string[]>? repeated = null;
        foreach (var (name, values) in context.Request.Path.StartsWithSegments("/api") ? context.Request.Query : QueryCollection.Empty)
        {
            if (values.Count > 1)
            {
                (repeated ??= new(StringComparer.Ordinal))[name] = [ValidationMessages.QueryGivenOnce(name)];
            }
        }

        if (repeated is null)
        {
            await next(context);
            return;
        }

        await Problem.Invalid(repeated).ExecuteAsync(context);
    });
}
