using Orleans.Storage;

namespace RegionGrains.Sqlite.Storage;

/// <summary>Options for <see cref="SqliteGrainStorage"/>, bound per provider name.</summary>
public sealed class SqliteStorageOptions : SqliteFileOptions, IStorageProviderSerializerOptions
{
    /// <summary>The silo lifecycle stage at which the schema is created, so a bad path stops the silo at startup.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Serializer for state payloads; when left null, Orleans' configured <see cref="IGrainStorageSerializer"/> is used.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
