using Microsoft.Extensions.DependencyInjection;

namespace RegionGrains.Sqlite.Reminders;

/// <summary>Registers Orleans' reminder service over <see cref="SqliteReminderTable"/>.</summary>
public static class SqliteReminderExtensions
{
    /// <summary>Reminders kept in the SQLite file of <see cref="SqliteFileOptions.DataDirectory"/>, shared by the cluster's processes.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        var options = builder.Services.AddOptions<SqliteReminderOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }
}
