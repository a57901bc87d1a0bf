namespace RegionGrains.PostgreSql.Journal;

/// <summary>
/// The statements of <see cref="PostgreSqlJournalStorage"/>; the tables are in Sql/03-journal.sql. An append is one
/// statement whose records are inserted only through the head move, so it writes all of them or none, and reports
/// how many it wrote: 0 means the head had moved on (a conflict), without an error that would abort the batch's
/// transaction for the other streams committed with it.
/// </summary>
internal static class PostgreSqlJournalSql
{
    /// <summary>
    /// The first append of a stream: creates its head row, and inserts the records only when this statement created it
    /// (a concurrent first writer waits on the key, then finds the row and inserts nothing).
    /// </summary>
    /// <remarks>Positional parameters (batched): $1 service, $2 stream, $3 new head, $4 versions, $5 payloads.</remarks>
    public const string AppendFirst = """
        WITH moved AS (
            INSERT INTO regiongrains_journal_head (service_id, stream, head)
            VALUES ($1, $2, $3)
            ON CONFLICT (service_id, stream) DO NOTHING
            RETURNING 1)
        INSERT INTO regiongrains_journal_record (service_id, stream, version, payload)
        SELECT $1, $2, r.version, r.payload
        FROM unnest($4::bigint[], $5::bytea[]) AS r(version, payload)
        WHERE EXISTS (SELECT 1 FROM moved)
        """;

    /// <summary>A later append: moves the head only from exactly the expected version, and inserts only then.</summary>
    /// <remarks>Positional parameters (batched): as <see cref="AppendFirst"/>, and $6 the expected head.</remarks>
    public const string AppendNext = """
        WITH moved AS (
            UPDATE regiongrains_journal_head SET head = $3
            WHERE service_id = $1 AND stream = $2 AND head = $6
            RETURNING 1)
        INSERT INTO regiongrains_journal_record (service_id, stream, version, payload)
        SELECT $1, $2, r.version, r.payload
        FROM unnest($4::bigint[], $5::bytea[]) AS r(version, payload)
        WHERE EXISTS (SELECT 1 FROM moved)
        """;

    public const string Head = "SELECT head FROM regiongrains_journal_head WHERE service_id = @service AND stream = @stream";

    public const string ReadSnapshot = "SELECT version, payload FROM regiongrains_journal_snapshot WHERE service_id = @service AND stream = @stream";

    public const string ReadRecords = """
        SELECT version, payload FROM regiongrains_journal_record
        WHERE service_id = @service AND stream = @stream AND version > @after
        ORDER BY version
        """;

    public const string ReadHead = """
        SELECT coalesce((SELECT head FROM regiongrains_journal_head WHERE service_id = @service AND stream = @stream), 0)
        """;

    public const string ReadHeads = """
        SELECT stream, head FROM regiongrains_journal_head WHERE service_id = @service AND stream = ANY(@streams)
        """;

    public const string ReadBackward = """
        SELECT version, payload FROM regiongrains_journal_record
        WHERE service_id = @service AND stream = @stream AND version < @before
        ORDER BY version DESC
        LIMIT @limit
        """;

    /// <summary>Keeps the newer snapshot, then drops records below the kept version but never past the stored snapshot.</summary>
    public const string SaveSnapshot = """
        INSERT INTO regiongrains_journal_snapshot AS s (service_id, stream, version, payload)
        VALUES (@service, @stream, @version, @payload)
        ON CONFLICT (service_id, stream) DO UPDATE SET version = excluded.version, payload = excluded.payload
        WHERE excluded.version > s.version
        """;

    /// <summary>Runs after <see cref="SaveSnapshot"/> in the same transaction.</summary>
    public const string DropOld = """
        DELETE FROM regiongrains_journal_record
        WHERE service_id = @service AND stream = @stream
          AND version < LEAST(@keep, (SELECT version FROM regiongrains_journal_snapshot WHERE service_id = @service AND stream = @stream) + 1)
        """;

    /// <summary>
    /// Starts an empty stream from a snapshot and history in one statement: the head row is claimed first, and the
    /// snapshot and records are inserted only through that claim; answers whether it was claimed.
    /// </summary>
    public const string Initialize = """
        WITH claimed AS (
            INSERT INTO regiongrains_journal_head (service_id, stream, head) VALUES (@service, @stream, @head)
            ON CONFLICT (service_id, stream) DO NOTHING
            RETURNING service_id, stream),
        snapshot AS (
            INSERT INTO regiongrains_journal_snapshot (service_id, stream, version, payload)
            SELECT service_id, stream, @version, @payload FROM claimed
            RETURNING 1),
        records AS (
            INSERT INTO regiongrains_journal_record (service_id, stream, version, payload)
            SELECT c.service_id, c.stream, r.version, r.payload
            FROM claimed c, unnest(@versions::bigint[], @payloads::bytea[]) AS r(version, payload)
            RETURNING 1)
        SELECT EXISTS (SELECT 1 FROM claimed)
        """;
}
