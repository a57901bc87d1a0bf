using Microsoft.Net.Http.Headers;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// RFC 9110 and the API's contract for a <c>charset</c> on a JSON body: UTF-8 (in any spelling, quoted or not) is
/// accepted and taken off, so the body reader sees plain <c>application/json</c>; any other charset is refused with
/// 415. The framework would otherwise transcode some charsets and fail with an exception on others.
/// </summary>
internal static class JsonCharset
{
    public static IApplicationBuilder UseJsonCharset(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var header = context.Request.ContentType;
        if (header is not null && header.Contains("charset", StringComparison.OrdinalIgnoreCase) &&
            MediaTypeHeaderValue.TryParse(header, out var contentType) &&
            contentType.MediaType.Value is { } mediaType &&
            (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            var charset = HeaderUtilities.RemoveQuotes(contentType.Charset).Trim();
            if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException("Unsupported charset.", StatusCodes.Status415UnsupportedMediaType);
            }

            contentType.Charset = null;
            context.Request.ContentType = contentType.ToString();
        }

        await next(context);
    });
}
