using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>grains</c>.</summary>
public sealed class GrainsSettings : RegionLoadSettings
{
    [CommandOption("--cluster")]
    [Description("Load an existing cluster as its client instead of a silo in this process, configured like the gateway's client mode: RegionGrains__* variables or the options below.")]
    public bool Cluster { get; set; }

    [CommandOption("--gateway-port <PORT>")]
    [Description("With --cluster: the silo's client gateway port (RegionGrains:GatewayPort).")]
    public int? GatewayPort { get; set; }

    [CommandOption("--cluster-id <ID>")]
    [Description("With --cluster: RegionGrains:ClusterId.")]
    public string? ClusterId { get; set; }

    [CommandOption("--service-id <ID>")]
    [Description("With --cluster: RegionGrains:ServiceId.")]
    public string? ServiceId { get; set; }

    [CommandOption("--data-dir <DIR>")]
    [Description("With --cluster: RegionGrains:DataDirectory of the cluster (where its membership lives).")]
    public string? DataDirectory { get; set; }

    [CommandOption("--storage <STORAGE>")]
    [Description("sqlite: regions journal to the silo's configured provider (SQLite in a temporary directory, or Redis with RegionGrains__Provider=Redis); memory: in memory, to measure the grains without storage. Not with --cluster.")]
    [DefaultValue(StorageKind.Sqlite)]
    public StorageKind Storage { get; set; }

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (!Cluster && (GatewayPort is not null || ClusterId is not null || ServiceId is not null || DataDirectory is not null))
        {
            return ValidationResult.Error("--gateway-port, --cluster-id, --service-id and --data-dir only apply with --cluster.");
        }

        if (Cluster && Storage != StorageKind.Sqlite)
        {
            return ValidationResult.Error("--storage only applies to the in-process silo; a cluster keeps its own storage.");
        }

        if (Agents is not null && !Cluster)
        {
            return ValidationResult.Error("--agents needs --cluster: the agents load one cluster together, where without it each would start a silo of its own.");
        }

        return OptionRules.FirstError(GatewayPort is { } port ? OptionRules.Within("--gateway-port", port, 1, 65535) : null);
    }

    /// <summary>Overrides of the <c>RegionGrains</c> configuration section for a client.</summary>
    public Dictionary<string, string?> ClusterSettings()
    {
        var map = new Dictionary<string, string?>();
        if (GatewayPort is { } port)
        {
            map["GatewayPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (ClusterId is not null)
        {
            map["ClusterId"] = ClusterId;
        }

        if (ServiceId is not null)
        {
            map["ServiceId"] = ServiceId;
        }

        if (DataDirectory is not null)
        {
            map["DataDirectory"] = DataDirectory;
        }

        return map;
    }
}
