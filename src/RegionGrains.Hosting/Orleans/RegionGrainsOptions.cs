namespace RegionGrains.Hosting.Orleans;

/// <summary>How a process joins the RegionGrains cluster, bound from the <c>RegionGrains</c> section.</summary>
public sealed class RegionGrainsOptions
{
    public const string Section = "RegionGrains";

    /// <summary>Folder of the embedded SQLite database (grain state and cluster membership).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Orleans cluster id; processes with the same id and store form one cluster.</summary>
    public string ClusterId { get; set; } = "regiongrains";

    /// <summary>Orleans service id; keeps grain state apart between services sharing a store.</summary>
    public string ServiceId { get; set; } = "regiongrains";

    /// <summary>Where membership and grain state live.</summary>
    public ClusterProvider Provider { get; set; } = ClusterProvider.Sqlite;

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port of a silo; 0 picks a free one.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Name of the silo in the membership table; Orleans makes one up when empty.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// Address other silos and clients reach this silo at. Empty (the default) keeps the silo on the loopback
    /// interface, which is all one machine needs; set it to the machine's own address for a cluster across machines,
    /// and the silo then listens on every interface.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Resolves <see cref="DataDirectory"/> against the current directory.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
