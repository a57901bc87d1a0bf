namespace RegionGrains.Testing;

/// <summary>Where a cluster under test keeps membership and grain state (<c>RegionGrains:Provider</c>).</summary>
public enum ClusterStore
{
    Sqlite,
    Redis,
    PostgreSql,
}
