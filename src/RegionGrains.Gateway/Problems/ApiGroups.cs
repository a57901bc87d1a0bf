namespace RegionGrains.Gateway.Problems;

/// <summary>
/// The route group of an API resource, with the problems any of its routes can answer declared once for OpenAPI: a
/// request that is not valid (400), one the caller may not make (401, 403) or makes too often (429), and a cluster
/// that does not answer (503). Each route adds the problems of its own.
/// </summary>
internal static class ApiGroups
{
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix)
            .WithTags(tag)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
