using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// Refuses bodies over 64 KiB with 413, or over the limit a route declares for itself (<see cref="WithBodyLimit"/>).
/// Kestrel enforces the same limit on bodies without a length; checking the declared length here answers early,
/// and works on any server.
/// </summary>
internal static class BodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static readonly string Detail = DetailFor(MaxBytes);

    private static readonly object ItemKey = new();

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBytes;

        // Kept for the 413's wording: the exception handler answers without the endpoint.
        context.Items[ItemKey] = maxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        if (context.Request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        await next(context);
    });

    /// <summary>
    /// Gives a route a body limit of its own, above the default, and declares its 413 for OpenAPI. Only for a route
    /// whose purpose is a large body (many items in one request): every other route keeps the default.
    /// </summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder, long maxBytes) =>
        builder.WithMetadata(new RouteBodyLimit(maxBytes)).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>The body limit the request was held to.</summary>
    public static long MaxBytesOf(HttpContext context) => context.Items[ItemKey] is long maxBytes ? maxBytes : MaxBytes;

    /// <summary>What a 413 says: the limit of the request's route.</summary>
    public static string DetailFor(long maxBytes) => $"Request bodies are limited to {maxBytes} bytes.";

    private sealed record RouteBodyLimit(long MaxBytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxBytes;
    }
}
