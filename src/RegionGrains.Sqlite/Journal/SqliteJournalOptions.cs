namespace RegionGrains.Sqlite.Journal;

/// <summary>Options for <see cref="SqliteJournalStorage"/>: where its file is.</summary>
public sealed class SqliteJournalOptions : SqliteFileOptions;
