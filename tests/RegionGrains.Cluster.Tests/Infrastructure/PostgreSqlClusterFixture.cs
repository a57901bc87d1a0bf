namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>
/// The cluster on PostgreSQL, through Orleans' ADO.NET clustering, persistence and reminder providers and the
/// project's journal, on the server of <see cref="PostgreSqlServer"/>.
/// </summary>
public sealed class PostgreSqlClusterFixture : ProcessClusterFixture
{
    protected override ClusterStore Store => ClusterStore.PostgreSql;

    protected override bool ShouldStart
    {
        get
        {
            if (PostgreSqlServer.SkipReason is not null)
            {
                return false;
            }

            PostgreSqlServer.EnsureAnswers();
            return true;
        }
    }
}
