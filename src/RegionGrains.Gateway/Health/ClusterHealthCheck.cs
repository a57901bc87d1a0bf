using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Health;

/// <summary>Ready when the cluster answers a call to the coordinator within a short time.</summary>
internal sealed class ClusterHealthCheck(IClusterClient cluster, ClusterClientConnection? clientConnection = null) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (clientConnection is { IsConnected: false })
        {
            return HealthCheckResult.Unhealthy("The gateway has not reached any silo yet.");
        }

        try
        {
            var footprint = await cluster.FootprintGrain().GetAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"The cluster answers; {footprint.Regions} regions.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", exception);
        }
    }
}
