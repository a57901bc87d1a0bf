using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RegionGrains.AppHost;

/// <summary>
/// Redis as a plain executable resource (Debian's <c>redis-server</c>), not a container, for running the
/// cluster on the official Orleans Redis providers. Bound to loopback, without persistence: it is a
/// local stand-in for a managed Redis, and its data lives as long as the AppHost.
/// </summary>
internal static class RedisServer
{
    private const string HealthCheckName = "redis-accepts-connections";

    public static IResourceBuilder<ExecutableResource> AddRedisServer(this IDistributedApplicationBuilder builder, int port)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(HealthCheckName, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException exception)
            {
                return HealthCheckResult.Unhealthy($"Nothing accepts connections on 127.0.0.1:{port} yet.", exception);
            }
        });

        return builder.AddExecutable("redis", "redis-server", builder.AppHostDirectory)
            .WithArgs("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
            .WithHealthCheck(HealthCheckName);
    }
}
