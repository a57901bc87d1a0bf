using System.Reflection;
using Microsoft.Extensions.Configuration;
using Orleans.Serialization.Internal;
using RegionGrains.Journal.Stores;

namespace RegionGrains.Hosting.Stores;

/// <summary>
/// The cluster stores this process carries, found the way Orleans finds its providers: every store project registers
/// one class as a clustering provider named <c>RegionGrains.&lt;Name&gt;</c> (<see cref="RegisterProviderAttribute"/>),
/// and that class also describes the store (<see cref="IClusterStore"/>). Nothing here names a store, so a new store is
/// a new project referenced by the executables, selected with <c>RegionGrains:Provider=&lt;Name&gt;</c>.
/// </summary>
public static class ClusterStores
{
    /// <summary>The prefix of a store's provider type, which tells it from Orleans' own clustering providers.</summary>
    public const string ProviderTypePrefix = "RegionGrains.";

    /// <summary>The kind of Orleans provider a store registers as: the cluster's store holds its membership.</summary>
    public const string ProviderKind = "Clustering";

    /// <summary>Orleans' configuration section of the clustering provider (Aspire's Orleans integration writes it too).</summary>
    public const string ClusteringSection = "Orleans:Clustering";

    private static readonly Lazy<IReadOnlyList<IClusterStore>> Found = new(Discover);

    /// <summary>Every store this process carries, by name.</summary>
    public static IReadOnlyList<IClusterStore> All => Found.Value;

    /// <summary>The names of <see cref="All"/>, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(s => s.Name).Order(StringComparer.Ordinal));

    /// <summary>The store named <paramref name="name"/> (case-insensitive), or null when this process carries none by that name.</summary>
    public static IClusterStore? Find(string? name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether any link of <paramref name="exception"/> is a store's own way of saying it cannot serve now.</summary>
    public static bool IsUnavailable(Exception exception) => All.Any(s => s.IsUnavailable(exception));

    /// <summary>
    /// The operator's one-line explanation of a start-up failure that a store caused, from the first link of the chain
    /// that a store recognises; null for any other failure. Passed to <c>StartupErrors.ExitOnStartupError</c>.
    /// </summary>
    public static string? ExplainStartupFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            foreach (var store in All)
            {
                if (store.ExplainStartupFailure(current) is { } explanation)
                {
                    return explanation;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Points Orleans' clustering configuration at the store <c>RegionGrains:Provider</c> names, unless the configuration
    /// already names a clustering provider itself (an Aspire AppHost's <c>Orleans__Clustering__ProviderType</c>), so that
    /// Orleans configures the store while it builds the silo or client. The store reads the rest of the section:
    /// the data directory, and the connection string named by <c>ServiceKey</c>.
    /// </summary>
    internal static void Select(IConfigurationManager configuration, string provider, string dataDirectory)
    {
        if (configuration.GetSection(ClusteringSection)["ProviderType"] is { Length: > 0 })
        {
            return;
        }

        var store = Find(provider) ?? throw new InvalidOperationException(
            $"No store named '{provider}' is in this process (it has {Names}); the options check should have refused it.");
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ClusteringSection}:ProviderType"] = ProviderTypePrefix + store.Name,
            [$"{ClusteringSection}:DataDirectory"] = dataDirectory,
        });
    }

    private static IReadOnlyList<IClusterStore> Discover() =>
    [
        .. ReferencedAssemblyProvider.GetRelevantAssemblies()
            .SelectMany(assembly => assembly.GetCustomAttributes<RegisterProviderAttribute>())
            .Where(a => a.Kind == ProviderKind && a.Name.StartsWith(ProviderTypePrefix, StringComparison.Ordinal) && typeof(IClusterStore).IsAssignableFrom(a.Type))
            .Select(a => a.Type)
            .Distinct()
            .Select(type => (IClusterStore)Activator.CreateInstance(type)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal),
    ];
}
