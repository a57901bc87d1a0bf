namespace RegionGrains.Sqlite.Clustering;

/// <summary>
/// Options for the SQLite membership table that lets silo processes on one machine find each other. Every silo and
/// client of a cluster must point at the same file; by default it is the grain state's.
/// </summary>
public sealed class SqliteClusteringOptions : SqliteFileOptions;
