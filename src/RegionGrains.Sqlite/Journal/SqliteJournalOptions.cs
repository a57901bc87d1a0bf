using RegionGrains.Sqlite.Storage;

namespace RegionGrains.Sqlite.Journal;

/// <summary>Options for <see cref="SqliteJournalStorage"/>.</summary>
public sealed class SqliteJournalOptions : SqliteFileOptions
{
    /// <summary>
    /// Where rows of the whole-state format that the journal replaced live (the <c>grain_state</c> table of
    /// <see cref="SqliteGrainStorage"/>): its provider name, state name and grain type. When a stream is empty,
    /// its row there, if any, is returned once as a legacy snapshot. Null provider name: no such lookup.
    /// </summary>
    public string? LegacyProviderName { get; set; }

    /// <summary>The state name the whole-state rows were written under.</summary>
    public string LegacyStateName { get; set; } = "region";

    /// <summary>The grain type of the whole-state rows; a row's grain id is <c>{type}/{stream}</c>.</summary>
    public string LegacyGrainType { get; set; } = "region";
}
