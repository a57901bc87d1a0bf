namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>The cluster on the embedded SQLite store (membership and grain state in one file).</summary>
public sealed class SqliteClusterFixture : ProcessClusterFixture
{
    protected override ClusterStore Store => ClusterStore.Sqlite;
}
