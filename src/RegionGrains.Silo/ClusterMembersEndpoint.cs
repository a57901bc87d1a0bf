namespace RegionGrains.Silo;

/// <summary>
/// <c>GET /cluster/members</c>: the cluster's members as this silo sees them (its membership snapshot), so that
/// scripts such as deploy/local/cluster.sh can list the cluster whatever store holds the membership table.
/// </summary>
internal static class ClusterMembersEndpoint
{
    public static WebApplication MapClusterMembers(this WebApplication app)
    {
        app.MapGet("/cluster/members", (IClusterMembershipService membership, ILocalSiloDetails local) =>
        {
            var snapshot = membership.CurrentSnapshot;
            return TypedResults.Ok(new ClusterMembers(
                snapshot.Version.Value,
                local.SiloAddress.ToParsableString(),
                snapshot.Members.Values
                    .OrderBy(m => m.Status == SiloStatus.Dead)
                    .ThenBy(m => m.Name, StringComparer.Ordinal)
                    .Select(m => new ClusterMember(m.SiloAddress.ToParsableString(), m.Name, m.Status.ToString()))
                    .ToList()));
        });
        return app;
    }

    internal sealed record ClusterMembers(long Version, string Self, IReadOnlyList<ClusterMember> Members);

    internal sealed record ClusterMember(string Address, string Name, string Status);
}
