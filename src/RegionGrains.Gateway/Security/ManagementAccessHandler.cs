using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace RegionGrains.Gateway.Security;

/// <summary>Management endpoints: open to loopback callers when configured so, otherwise to readers.</summary>
internal sealed class ManagementAccessHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<ManagementAccessHandler.Requirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
    {
        var loopback = context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
        if ((loopback && options.CurrentValue.PublicManagementOnLoopback) || GatewayAccess.CanRead(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>The requirement of <see cref="GatewayPolicies.Manage"/>.</summary>
    internal sealed class Requirement : IAuthorizationRequirement;
}
