using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RegionGrains.Gateway.Conditional;

/// <summary>
/// Which conditional request headers an endpoint honours. The handlers read the headers themselves (to tell a
/// malformed list from an absent one), so the OpenAPI document learns of them from this metadata instead.
/// </summary>
internal sealed record ConditionalHeaders(bool IfMatch, bool IfNoneMatch)
{
    private const string IfMatchDescription =
        "The region's ETag (from GET /api/regions/{id}), a list of them, or *: the write applies only while the region is at a listed version (compared strongly; a weak tag never matches); 412 otherwise.";

    private const string IfNoneMatchDescription =
        "ETags compared weakly, or *: on GET, 304 Not Modified while the region is at a listed version; on PUT, * makes the request create-only and a listed current version fails it with 412.";

    /// <summary>Adds the headers the endpoint honours to its OpenAPI operation.</summary>
    public static OpenApiOptions Document(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ConditionalHeaders>().FirstOrDefault() is { } headers)
        {
            operation.Parameters ??= [];
            if (headers.IfMatch)
            {
                operation.Parameters.Add(Header("If-Match", IfMatchDescription));
            }

            if (headers.IfNoneMatch)
            {
                operation.Parameters.Add(Header("If-None-Match", IfNoneMatchDescription));
            }
        }

        return Task.CompletedTask;
    });

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
