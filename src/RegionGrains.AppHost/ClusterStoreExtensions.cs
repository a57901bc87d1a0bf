namespace RegionGrains.AppHost;

/// <summary>Points a RegionGrains process at the cluster's shared store.</summary>
internal static class ClusterStoreExtensions
{
    public static IResourceBuilder<ProjectResource> WithClusterStore(this IResourceBuilder<ProjectResource> project, AppHostSettings settings) =>
        project.WithEnvironment("RegionGrains__DataDirectory", settings.DataDirectory);
}
