using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RegionGrains.Sqlite.Clustering;

/// <summary>Schema of the membership tables and the mapping between their rows and <see cref="MembershipEntry"/>.</summary>
internal static class SqliteMembershipRows
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS membership_version (
            cluster_id  TEXT NOT NULL PRIMARY KEY,
            version     INTEGER NOT NULL,
            updated_utc TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS membership (
            cluster_id    TEXT NOT NULL,
            silo_address  TEXT NOT NULL,
            status        INTEGER NOT NULL,
            silo_name     TEXT,
            host_name     TEXT,
            role_name     TEXT,
            proxy_port    INTEGER NOT NULL,
            update_zone   INTEGER NOT NULL,
            fault_zone    INTEGER NOT NULL,
            start_time    INTEGER NOT NULL,
            iamalive_time INTEGER NOT NULL,
            suspect_times TEXT,
            updated_utc   TEXT NOT NULL,
            PRIMARY KEY (cluster_id, silo_address)
        ) WITHOUT ROWID;
        """;

    /// <summary>Entry columns in the order <see cref="Read"/> expects them, starting at ordinal <c>1</c> after the table version.</summary>
    public const string EntryColumns =
        "m.silo_address, m.status, m.silo_name, m.host_name, m.role_name, m.proxy_port, m.update_zone, m.fault_zone, m.start_time, m.iamalive_time, m.suspect_times";

    public const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public const string EntryAssignments = """
        status = $status, silo_name = $silo_name, host_name = $host_name, role_name = $role_name, proxy_port = $proxy_port,
        update_zone = $update_zone, fault_zone = $fault_zone, start_time = $start_time, iamalive_time = $iamalive_time,
        suspect_times = $suspect_times
        """;

    public static void AddEntry(SqliteCommand command, MembershipEntry entry)
    {
        command.Parameters.AddWithValue("$status", (int)entry.Status);
        command.Parameters.AddWithValue("$silo_name", (object?)entry.SiloName ?? DBNull.Value);
        command.Parameters.AddWithValue("$host_name", (object?)entry.HostName ?? DBNull.Value);
        command.Parameters.AddWithValue("$role_name", (object?)entry.RoleName ?? DBNull.Value);
        command.Parameters.AddWithValue("$proxy_port", entry.ProxyPort);
        command.Parameters.AddWithValue("$update_zone", entry.UpdateZone);
        command.Parameters.AddWithValue("$fault_zone", entry.FaultZone);
        command.Parameters.AddWithValue("$start_time", entry.StartTime.ToUniversalTime().Ticks);
        command.Parameters.AddWithValue("$iamalive_time", entry.IAmAliveTime.ToUniversalTime().Ticks);
        command.Parameters.AddWithValue("$suspect_times", (object?)SerializeSuspects(entry.SuspectTimes) ?? DBNull.Value);
    }

    /// <summary>Reads the entry starting at <paramref name="first"/>, in the order of <see cref="EntryColumns"/>.</summary>
    public static MembershipEntry Read(SqliteDataReader reader, int first) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(reader.GetString(first)),
        Status = (SiloStatus)reader.GetInt32(first + 1),
        // MembershipEntry declares these non-null; a row written without them reads back empty.
        SiloName = reader.IsDBNull(first + 2) ? string.Empty : reader.GetString(first + 2),
        HostName = reader.IsDBNull(first + 3) ? string.Empty : reader.GetString(first + 3),
        RoleName = reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        ProxyPort = reader.GetInt32(first + 5),
        UpdateZone = reader.GetInt32(first + 6),
        FaultZone = reader.GetInt32(first + 7),
        StartTime = new DateTime(reader.GetInt64(first + 8), DateTimeKind.Utc),
        IAmAliveTime = new DateTime(reader.GetInt64(first + 9), DateTimeKind.Utc),
        SuspectTimes = reader.IsDBNull(first + 10) ? [] : DeserializeSuspects(reader.GetString(first + 10)),
    };

    /// <summary>The last sign of life of a silo: its heartbeat, its start, or the latest vote against it.</summary>
    public static DateTime LastUpdate(MembershipEntry entry)
    {
        var last = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
        foreach (var (_, voteTime) in entry.SuspectTimes ?? [])
        {
            if (voteTime > last)
            {
                last = voteTime;
            }
        }

        return last;
    }

    private static string? SerializeSuspects(List<Tuple<SiloAddress, DateTime>>? suspects) =>
        suspects is null or { Count: 0 }
            ? null
            : JsonSerializer.Serialize(suspects.Select(s => new Suspect(s.Item1.ToParsableString(), s.Item2.ToUniversalTime().Ticks)).ToArray());

    private static List<Tuple<SiloAddress, DateTime>> DeserializeSuspects(string json) =>
        (JsonSerializer.Deserialize<Suspect[]>(json) ?? [])
            .Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), new DateTime(s.Ticks, DateTimeKind.Utc)))
            .ToList();

    private sealed record Suspect(string Silo, long Ticks);
}
