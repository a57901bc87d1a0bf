using RegionGrains.Gateway.Http;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Problems the framework writes by itself (no route, wrong method, a body that is not JSON or too large) get the API's own
/// types and words, like every problem the endpoints return.
/// </summary>
internal static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.Remove("exception");
        if (problem.Status == StatusCodes.Status405MethodNotAllowed)
        {
            HeadRequests.AddHeadToAllow(context.HttpContext.Response);
        }

        if (problem.Type is { } type && !type.StartsWith("http", StringComparison.Ordinal))
        {
            return;
        }

        (problem.Type, problem.Title, problem.Detail) = problem.Status switch
        {
            StatusCodes.Status404NotFound => (ProblemTypes.NotFound, "Not found", "No resource of the API has this address."),
            StatusCodes.Status405MethodNotAllowed => (ProblemTypes.MethodNotAllowed, "Method not allowed", "This address does not take this method; the Allow header lists those it does."),
            StatusCodes.Status415UnsupportedMediaType => (ProblemTypes.UnsupportedMediaType, "Unsupported media type", RequestBodyProblems.UnsupportedMediaTypeDetail),
            // A body without a length that runs past the limit is stopped while the endpoint reads it.
            StatusCodes.Status413PayloadTooLarge => (ProblemTypes.BodyTooLarge, "Request body too large", BodyLimit.Detail),
            _ => (problem.Type, problem.Title, problem.Detail),
        };
    }
}
