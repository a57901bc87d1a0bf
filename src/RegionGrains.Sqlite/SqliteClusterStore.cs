using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using RegionGrains.Journal.Stores;
using RegionGrains.Sqlite;
using RegionGrains.Sqlite.Clustering;

[assembly: RegisterProvider(SqliteClusterStore.ProviderType, "Clustering", "Silo", typeof(SqliteClusterStore))]
[assembly: RegisterProvider(SqliteClusterStore.ProviderType, "Clustering", "Client", typeof(SqliteClusterStore))]

namespace RegionGrains.Sqlite;

/// <summary>
/// The embedded store, everything about it in one place: a silo's membership, journal and reminders in one SQLite
/// file under the data directory (<see cref="SqliteHostingExtensions.UseSqlite"/>), a client's gateway list from the
/// same file, and which of its failures mean "unavailable". Orleans configures it from <c>Orleans:Clustering</c>
/// (<c>ProviderType</c> <see cref="ProviderType"/>, <c>DataDirectory</c>), which <c>RegionGrains:Provider=Sqlite</c>
/// (the default) fills in.
/// </summary>
public sealed class SqliteClusterStore : IClusterStore, IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    /// <summary>The clustering provider type this store registers as.</summary>
    public const string ProviderType = "RegionGrains.Sqlite";

    /// <inheritdoc />
    public string Name => "Sqlite";

    /// <inheritdoc />
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(DataDirectory(configurationSection));
    }

    /// <inheritdoc />
    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = DataDirectory(configurationSection);
        builder.UseSqliteClustering(o => o.DataDirectory = directory);
    }

    /// <inheritdoc />
    /// <remarks>
    /// SQLite's file busy past its timeout (another process holds it), a full or failing disk, a damaged or unwritable
    /// file: all of them, by type, because the result code does not cross the wire to a client-mode gateway (Orleans
    /// carries an exception's type, message and stack, not its properties).
    /// </remarks>
    public bool IsUnavailable(Exception exception) => exception is SqliteException or SqliteDataFileException;

    /// <inheritdoc />
    /// <remarks><see cref="SqliteDataFileException"/> words its own, and a host reports it as the I/O error it is.</remarks>
    public string? ExplainStartupFailure(Exception exception) => null;

    private static string DataDirectory(IConfigurationSection section) =>
        section["DataDirectory"] is { Length: > 0 } directory
            ? Path.GetFullPath(directory)
            : throw new OptionsValidationException(
                $"{section.Path}:DataDirectory",
                typeof(SqliteClusterStore),
                [$"{section.Path}:DataDirectory is not set; the SQLite store keeps the cluster's file there (RegionGrains:DataDirectory sets it)."]);
}
