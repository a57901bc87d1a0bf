namespace RegionGrains.AppHost;

/// <summary>What a RegionGrains process needs of the cluster besides what Aspire's Orleans integration writes.</summary>
internal static class ClusterStoreExtensions
{
    /// <summary>
    /// The data directory (the SQLite store's file and the processes' other files), the cluster's TLS settings if any,
    /// and, on Redis, to start once the server is up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithClusterSettings(
        this IResourceBuilder<ProjectResource> project,
        AppHostSettings settings,
        IResourceBuilder<ExecutableResource>? redis)
    {
        project.WithEnvironment("RegionGrains__DataDirectory", settings.DataDirectory);
        foreach (var (name, value) in settings.Tls)
        {
            project.WithEnvironment(name, value);
        }

        return redis is null ? project : project.WaitFor(redis);
    }
}
