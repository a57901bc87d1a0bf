using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// 401 and 403 as problem+json. A 401 carries a <c>WWW-Authenticate</c> challenge from every configured scheme
/// (<c>Bearer</c>, with the token's error when one was sent, and <c>ApiKey header="X-Api-Key"</c>).
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems, GatewaySecurity security) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        if (authorizeResult.Challenged)
        {
            foreach (var scheme in security.Schemes)
            {
                await context.ChallengeAsync(scheme);
            }

            // A credential refused by the gateway's own rules says which; the schemes' own failures stay generic.
            var refusal = context.Features.Get<CredentialRefusedException>();
            await Write(context, Problem.Details(
                StatusCodes.Status401Unauthorized,
                ProblemTypes.Unauthorized,
                "Authentication required",
                refusal?.Message ?? "Send one credential: a bearer token (Authorization: Bearer ...) or an API key (X-Api-Key). A credential that was sent is not valid, or both were sent."));
            return;
        }

        await Write(context, Forbidden("Your role does not allow this request."));
    }

    public static Microsoft.AspNetCore.Mvc.ProblemDetails Forbidden(string detail) =>
        Problem.Details(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden", detail);

    private Task Write(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
