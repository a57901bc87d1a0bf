using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegionGrains.Sqlite.Journal;

namespace RegionGrains.Sqlite;

/// <summary>
/// Ready while the data file takes writes: each check commits a write of 64 KiB through the file's writer, behind the
/// appends queued at that moment (<see cref="SqliteJournalStorage.ProbeWriteAsync"/>, which says why that size). A full disk, a read-only file
/// system or a failing disk makes it unhealthy, worded for the operator; the first check after the cause is gone is
/// healthy again, with nothing restarted. Meanwhile the silo answers writes with 503 and still answers reads
/// (docs/operations.md, "Storage faults").
/// </summary>
internal sealed class SqliteWritableCheck(SqliteJournalStorage journal) : IHealthCheck
{
    /// <summary>How long a probe may wait for its commit (behind a busy file, a slow disk) before the check says not ready.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await journal.ProbeWriteAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The data file '{journal.DatabasePath}' takes writes.");
        }
        catch (Exception exception) when (exception is SqliteException or IOException)
        {
            var explained = SqliteDataFileException.For(journal.DatabasePath, exception)?.Message
                ?? $"The data file '{journal.DatabasePath}' cannot be written: {exception.Message}";
            return HealthCheckResult.Unhealthy(explained, exception);
        }
    }
}
