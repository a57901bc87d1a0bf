namespace RegionGrains.Hosting.Orleans;

/// <summary>Backing store for cluster membership and grain state.</summary>
public enum ClusterProvider
{
    /// <summary>Embedded SQLite under the data directory: one machine, no server to install.</summary>
    Sqlite = 0,
}
