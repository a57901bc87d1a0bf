using Microsoft.AspNetCore.Http.Features;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// Refuses bodies over 64 KiB with 413. Kestrel enforces the same limit on bodies without a length;
/// checking the declared length here answers early, and works on any server.
/// </summary>
internal static class BodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static readonly string Detail = $"Request bodies are limited to {MaxBytes} bytes.";

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = MaxBytes;
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        await next(context);
    });
}
