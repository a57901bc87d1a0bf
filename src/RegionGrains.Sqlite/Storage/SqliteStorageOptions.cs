using Orleans.Storage;

namespace RegionGrains.Sqlite.Storage;

/// <summary>Options for <see cref="SqliteGrainStorage"/>, bound per provider name.</summary>
public sealed class SqliteStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The default database file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultDatabaseFileName = "regiongrains.db";

    /// <summary>Directory holding the database file; created when missing. Relative paths resolve against the current directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Database file name inside <see cref="DataDirectory"/>. Providers and the membership table may share one file.</summary>
    public string DatabaseFileName { get; set; } = DefaultDatabaseFileName;

    /// <summary>How long a write waits for another connection or process to release the database lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The silo lifecycle stage at which the schema is created, so a bad path stops the silo at startup.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Serializer for state payloads; when left null, Orleans' configured <see cref="IGrainStorageSerializer"/> is used.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    internal string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFileName));
}
