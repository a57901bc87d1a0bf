namespace RegionGrains.AppHost;

/// <summary>Points a RegionGrains process at the cluster's shared store (the SQLite file in the data directory, or Redis), with the cluster's TLS settings if any.</summary>
internal static class ClusterStoreExtensions
{
    public static IResourceBuilder<ProjectResource> WithClusterStore(
        this IResourceBuilder<ProjectResource> project,
        AppHostSettings settings,
        IResourceBuilder<ExecutableResource>? redis)
    {
        project.WithEnvironment("RegionGrains__DataDirectory", settings.DataDirectory);
        foreach (var (name, value) in settings.Tls)
        {
            project.WithEnvironment(name, value);
        }

        return redis is null ? project : project.WithRedisStore(redis, settings.RedisPort);
    }
}
