using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RegionGrains.Hosting.Stores;

namespace RegionGrains.Hosting.Orleans;

/// <summary>How a process joins the RegionGrains cluster, bound from the <c>RegionGrains</c> section.</summary>
public sealed class RegionGrainsOptions
{
    public const string Section = "RegionGrains";

    /// <summary>Folder of the embedded SQLite database (the journal, cluster membership and reminders).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Orleans cluster id; processes with the same id and store form one cluster.</summary>
    public string ClusterId { get; set; } = "regiongrains";

    /// <summary>Orleans service id; keeps grain state apart between services sharing a store.</summary>
    public string ServiceId { get; set; } = "regiongrains";

    /// <summary>
    /// The store the cluster keeps its membership, journal and reminders in, by name: <c>Sqlite</c> (embedded, one
    /// machine), <c>Redis</c> or <c>PostgreSql</c>, or any other store whose project the process carries
    /// (<see cref="ClusterStores"/>).
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

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

    /// <summary>
    /// The section's settings, read when the host is built (Orleans is configured from them then) and checked, so that a
    /// wrong value stops the process at start-up saying what to set (an <see cref="OptionsValidationException"/>)
    /// instead of failing later inside Orleans with an argument error.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing its kind of value or out of range.</exception>
    public static RegionGrainsOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);

        // Checked before binding, which would fail on them with the CLR's type names and no list of what is allowed.
        List<string> problems = [.. UnreadableValues(section)];
        var options = problems.Count == 0 ? section.Get<RegionGrainsOptions>() ?? new() : new();
        problems.AddRange(options.Problems());
        return problems.Count == 0 ? options : throw new OptionsValidationException(Section, typeof(RegionGrainsOptions), problems);
    }

    /// <summary>What is wrong with these settings, one sentence each; none when they can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (ClusterStores.Find(Provider) is null)
        {
            yield return $"{Section}:Provider is '{Provider}'; it names the cluster's store, one of {ClusterStores.Names}.";
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return $"{Section}:DataDirectory is empty; it names the folder of the embedded database (./data by default).";
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return $"{Section}:ClusterId is empty.";
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return $"{Section}:ServiceId is empty.";
        }

        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 0 or > IPEndPoint.MaxPort)
            {
                yield return PortProblem(name, port.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (SiloPort != 0 && SiloPort == GatewayPort)
        {
            yield return $"{Section}:SiloPort and {Section}:GatewayPort are both {SiloPort}; they are two ports.";
        }

        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{Section}:AdvertisedAddress is '{AdvertisedAddress}', which is not an IP address.";
        }
    }

    private static IEnumerable<string> UnreadableValues(IConfigurationSection section)
    {
        foreach (var name in new[] { nameof(SiloPort), nameof(GatewayPort) })
        {
            if (section[name] is { } port && !int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                yield return PortProblem(name, port);
            }
        }
    }

    private static string PortProblem(string name, string value) =>
        $"{Section}:{name} is '{value}'; a port is a whole number from 1 to 65535, or 0 for a free one.";
}
