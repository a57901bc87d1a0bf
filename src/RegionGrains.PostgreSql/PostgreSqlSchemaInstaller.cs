using Microsoft.Extensions.Logging;
using Npgsql;

namespace RegionGrains.PostgreSql;

/// <summary>
/// Installs <see cref="PostgreSqlSchema"/> when the silo starts, before membership reads its queries. A database that
/// does not answer yet (starting in the same deployment) is waited for, up to <see cref="WaitLimit"/>; then the silo
/// fails to start with the reason.
/// </summary>
internal sealed partial class PostgreSqlSchemaInstaller(string connectionString, ILogger<PostgreSqlSchemaInstaller> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgreSqlSchemaInstaller), ServiceLifecycleStage.First, InstallAsync);

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostgreSqlSchema.InstallAsync(connectionString, cancellationToken);
                LogInstalled(PostgreSqlSchema.Scripts.Count);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException { IsTransient: true } or TimeoutException
                                              && DateTime.UtcNow - started < WaitLimit && !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    LogWaiting(exception.Message);
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema installed or current ({Scripts} scripts)")]
    private partial void LogInstalled(int scripts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL does not answer yet ({Reason}); retrying for up to a minute")]
    private partial void LogWaiting(string reason);
}
