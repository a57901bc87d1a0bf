using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RegionGrains.Silo;

/// <summary>Ready once this silo is Active in the cluster's membership.</summary>
internal sealed class SiloActiveHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.SiloAddress} is Active.")
            : HealthCheckResult.Unhealthy($"{silo.SiloAddress} is {status}."));
    }
}
