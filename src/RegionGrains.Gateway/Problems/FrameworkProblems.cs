using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using RegionGrains.Gateway.Http;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Problems the framework and the server raise by themselves (no route, wrong method, a body that is not JSON or too
/// large, header or trailer fields too large, a body that came too slowly) get the API's own types and words, like
/// every problem the endpoints return. Every status has an answer: those the gateway can meet are named one by one,
/// and any other gets <see cref="ProblemTypes.HttpError"/> with its reason phrase, never a problem without
/// <c>type</c> or <c>detail</c>.
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

        // The API's own problems carry a urn type; the framework leaves none or a link to the RFC.
        if (problem.Type is not { } type || type.StartsWith("http", StringComparison.Ordinal))
        {
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            var ours = Details(status);
            (problem.Status, problem.Type, problem.Title, problem.Detail) = (status, ours.Type, ours.Title, ours.Detail);
        }

        // A route may take larger bodies than the default (BodyLimit.WithBodyLimit): its 413 names its own limit.
        if (problem.Status == StatusCodes.Status413PayloadTooLarge)
        {
            problem.Detail = BodyLimit.DetailFor(BodyLimit.MaxBytesOf(context.HttpContext));
        }
    }

    /// <summary>The API's problem for <paramref name="status"/> when nothing more specific is known.</summary>
    public static ProblemDetails Details(int status)
    {
        var (type, title, detail) = status switch
        {
            StatusCodes.Status400BadRequest => (ProblemTypes.MalformedRequest, "The request could not be read", "The request is not one this API can read: its target, headers or body are malformed."),
            StatusCodes.Status401Unauthorized => (ProblemTypes.Unauthorized, "Authentication required", "Send one credential: a bearer token (Authorization: Bearer ...) or an API key (X-Api-Key)."),
            StatusCodes.Status403Forbidden => (ProblemTypes.Forbidden, "Forbidden", "Your role does not allow this request."),
            StatusCodes.Status404NotFound => (ProblemTypes.NotFound, "Not found", "No resource of the API has this address."),
            StatusCodes.Status405MethodNotAllowed => (ProblemTypes.MethodNotAllowed, "Method not allowed", "This address does not take this method; the Allow header lists those it does."),
            StatusCodes.Status408RequestTimeout => (ProblemTypes.RequestTimeout, "Request timeout", "The request, or its body, did not arrive in time."),
            StatusCodes.Status411LengthRequired => (ProblemTypes.LengthRequired, "Length required", "A request with a body gives its length (Content-Length) or is sent chunked."),
            // A body without a length that runs past the limit is stopped while the endpoint reads it.
            StatusCodes.Status413PayloadTooLarge => (ProblemTypes.BodyTooLarge, "Request body too large", BodyLimit.Detail),
            StatusCodes.Status414UriTooLong => (ProblemTypes.UriTooLong, "URI too long", "The request's address is longer than the server takes."),
            StatusCodes.Status415UnsupportedMediaType => (ProblemTypes.UnsupportedMediaType, "Unsupported media type", RequestBodyProblems.UnsupportedMediaTypeDetail),
            StatusCodes.Status417ExpectationFailed => (ProblemTypes.ExpectationFailed, "Expectation failed", "The only expectation the server meets is Expect: 100-continue."),
            StatusCodes.Status429TooManyRequests => (ProblemTypes.TooManyRequests, "Too many requests", "This caller has made more requests than its limit allows."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => (ProblemTypes.HeaderFieldsTooLarge, "Request header fields too large", "The request's header fields, or the trailer fields after its body, are larger than the server takes."),
            StatusCodes.Status500InternalServerError => (ProblemTypes.Internal, "Internal error", "The request failed; the gateway's log has the details."),
            _ => (ProblemTypes.HttpError, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "HTTP error", $"The request was answered with status {status}."),
        };
        return Problem.Details(status, type, title, detail);
    }
}
