namespace RegionGrains.Hosting.Orleans;

/// <summary>Backing store for cluster membership and grain state, chosen by <c>RegionGrains:Provider</c>.</summary>
public enum ClusterProvider
{
    /// <summary>Embedded SQLite under the data directory: one machine, no server to install.</summary>
    Sqlite = 0,

    /// <summary>
    /// Redis, through Orleans' official Redis clustering and grain persistence providers: silos on several machines.
    /// The connection string comes from <c>ConnectionStrings:redis</c> (environment <c>ConnectionStrings__redis</c>).
    /// </summary>
    Redis = 1,

    /// <summary>
    /// PostgreSQL, through Orleans' official ADO.NET clustering and grain persistence providers with this project's SQL
    /// (src/RegionGrains.PostgreSql): silos on several machines, on the database operators already run. The connection
    /// string comes from <c>ConnectionStrings:postgres</c> (environment <c>ConnectionStrings__postgres</c>).
    /// </summary>
    PostgreSql = 2,
}
