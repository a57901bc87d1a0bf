using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// 200 with a region already serialized by <see cref="RegionResponseCache"/>: the bytes are written as they are,
/// and OpenAPI describes the body as a <see cref="RegionResponse"/>.
/// </summary>
public sealed class SerializedRegionResult(ReadOnlyMemory<byte> utf8Json) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The serialized region.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; } = utf8Json;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(RegionResponse), ["application/json"]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = Utf8Json.Length;
        await response.BodyWriter.WriteAsync(Utf8Json, httpContext.RequestAborted);
    }
}
