namespace RegionGrains.Silo;

/// <summary>
/// <c>GET /cluster/grains?type=region&amp;prefix=br-</c>: the grains active on this silo, by grain type and key prefix,
/// so an operator (or a failover test) can see what a silo holds before it is stopped or killed. The list is capped;
/// the total is always exact.
/// </summary>
internal static class ClusterGrainsEndpoint
{
    private const int MaxListed = 1000;

    public static WebApplication MapClusterGrains(this WebApplication app)
    {
        app.MapGet("/cluster/grains", async (string? type, string? prefix, IGrainFactory grains, ILocalSiloDetails local) =>
        {
            var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [local.SiloAddress]);
            var matching = statistics
                .Select(s => s.GrainId)
                .Where(id => type is null || string.Equals(id.Type.ToString(), type, StringComparison.Ordinal))
                .Select(id => (Type: id.Type.ToString(), Key: id.Key.ToString()))
                .Where(g => prefix is null || g.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(g => g.Type, StringComparer.Ordinal)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            return TypedResults.Ok(new LocalGrains(
                local.SiloAddress.ToParsableString(),
                matching.Count,
                matching.Take(MaxListed).Select(g => new LocalGrain(g.Type, g.Key)).ToList()));
        });
        return app;
    }

    internal sealed record LocalGrains(string Silo, int Total, IReadOnlyList<LocalGrain> Grains);

    internal sealed record LocalGrain(string Type, string Key);
}
