namespace RegionGrains.Sqlite.Reminders;

/// <summary>Options for <see cref="SqliteReminderTable"/>: the shared database file it keeps its rows in.</summary>
public sealed class SqliteReminderOptions : SqliteFileOptions;
