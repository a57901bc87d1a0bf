using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace RegionGrains.Benchmarks.Journal;

/// <summary>
/// What one journal append costs SQLite in each table layout considered for the region journal, measured as one
/// transaction of 64 appends spread over 1,000 regions (the group commit of a busy silo). The disk is left out
/// (synchronous=OFF): every layout pays the same one fsync per commit, and the question here is the engine's work
/// per record.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>PerStream</c>: a <c>WITHOUT ROWID</c> table keyed by (stream, version), appended with the head check in
/// the same statement. Each append lands on its stream's last page, so a commit dirties about one page per record,
/// and that page is written to the WAL and later copied by the checkpoint.</item>
/// <item><c>Journal</c>: the layout of <c>SqliteJournalStorage</c>, the same columns and head check in a rowid table,
/// so rows are stored in commit order and (stream, version) is a unique index beside them.</item>
/// <item><c>Log</c>: one append-only table in commit order with no index, so a commit dirties a few consecutive pages.
/// It cannot find a region's records without a scan; it is the floor, not a usable layout.</item>
/// <item><c>LogIndexed</c>: the log with an index on (stream, version), kept small as a compaction would keep it.</item>
/// </list>
/// The snapshot table is empty here, so the head check's snapshot lookup is the same cheap miss in every layout; with
/// kilobyte snapshots in a <c>WITHOUT ROWID</c> table it is not (docs/architecture.md, "What a write costs").
/// </remarks>
public class JournalLayoutBenchmarks : IDisposable
{
    private const int Streams = 1_000;
    private const int BatchSize = 64;
    private const int LogKept = 4_096;

    private readonly long[] _heads = new long[Streams];
    private readonly string[] _names = [.. Enumerable.Range(0, Streams).Select(i => string.Create(CultureInfo.InvariantCulture, $"lt-bench-{i}"))];
    private readonly byte[] _payload = new byte[90];
    private readonly Random _random = new(1);
    private string _path = string.Empty;
    private SqliteConnection _connection = null!;
    private SqliteCommand _append = null!;
    private SqliteCommand _trim = null!;
    private long _appended;

    [Params("PerStream", "Journal", "Log", "LogIndexed")]
    public string Layout { get; set; } = "PerStream";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"regiongrains-layout-{Guid.NewGuid():N}.db");
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        Execute("PRAGMA page_size = 1024; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 65536;");
        Execute("""
            CREATE TABLE journal_snapshot (stream TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, payload BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE journal_log (seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NOT NULL);
            """);
        Execute(Layout == "PerStream"
            ? "CREATE TABLE journal_record (stream TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (stream, version)) WITHOUT ROWID;"
            : "CREATE TABLE journal_record (stream TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (stream, version));");
        if (Layout == "LogIndexed")
        {
            Execute("CREATE INDEX journal_log_stream ON journal_log (stream, version);");
        }

        _append = _connection.CreateCommand();
        _append.CommandText = Layout is "PerStream" or "Journal"
            ? """
              INSERT INTO journal_record (stream, version, payload) SELECT $stream, $version, $payload
              WHERE max(coalesce((SELECT max(version) FROM journal_record WHERE stream = $stream), 0),
                        coalesce((SELECT version FROM journal_snapshot WHERE stream = $stream), 0)) = $version - 1;
              """
            : "INSERT INTO journal_log (stream, version, payload) VALUES ($stream, $version, $payload);";
        _append.Parameters.Add("$stream", SqliteType.Text);
        _append.Parameters.Add("$version", SqliteType.Integer);
        _append.Parameters.Add("$payload", SqliteType.Blob).Value = _payload;
        _append.Prepare();
        _trim = _connection.CreateCommand();
        _trim.CommandText = string.Create(CultureInfo.InvariantCulture, $"DELETE FROM journal_log WHERE seq <= (SELECT max(seq) FROM journal_log) - {LogKept};");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _append?.Dispose();
        _trim?.Dispose();
        _connection?.Dispose();
        foreach (var file in _path.Length == 0 ? [] : new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>One commit of 64 appends to random regions.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void AppendBatch()
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _append.Transaction = transaction;
        for (var i = 0; i < BatchSize; i++)
        {
            var stream = _random.Next(Streams);
            _append.Parameters["$stream"].Value = _names[stream];
            _append.Parameters["$version"].Value = ++_heads[stream];
            if (_append.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException("The head check refused an append in order.");
            }
        }

        _appended += BatchSize;
        if (Layout is "Log" or "LogIndexed" && _appended % LogKept < BatchSize)
        {
            // A log is only viable if compaction keeps it short; this trims it as often as a compaction would.
            _trim.Transaction = transaction;
            _trim.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
