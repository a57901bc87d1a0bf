namespace RegionGrains.AppHost;

/// <summary>Points a RegionGrains process at the cluster's shared store: the SQLite file in the data directory, or Redis.</summary>
internal static class ClusterStoreExtensions
{
    public static IResourceBuilder<ProjectResource> WithClusterStore(
        this IResourceBuilder<ProjectResource> project,
        AppHostSettings settings,
        IResourceBuilder<ExecutableResource>? redis)
    {
        project.WithEnvironment("RegionGrains__DataDirectory", settings.DataDirectory);
        return redis is null ? project : project.WithRedisStore(redis, settings.RedisPort);
    }
}
