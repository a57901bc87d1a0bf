namespace RegionGrains.LoadTest.Cluster;

/// <summary>How the load tester's own silo is set up.</summary>
/// <param name="InMemoryRegionStorage">Keep region state in memory instead of SQLite, to take storage out of a measurement.</param>
/// <param name="Verbose">Log at Information instead of Warning.</param>
/// <param name="DataDirectory">Use this folder (kept afterwards) instead of a fresh temporary one (deleted afterwards).</param>
public sealed record SiloOptions(bool InMemoryRegionStorage = false, bool Verbose = false, string? DataDirectory = null);
