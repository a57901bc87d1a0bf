using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// A data directory in the whole-state format (Fixtures/legacy-whole-state, written by a gateway of that format after
/// defining zz-legacy, walking it to Launching, setting 100 gpus, reserving keep-1 (7), gone-1 (3, then released) and
/// ttl-1 (2, 2,000,000 s), and reserving sp-1 (5 gpus) in the seeded br-sao-paulo).
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task ADataDirectoryFromTheWholeStateStorageOpensWithItsStateHistoryAndIdempotencyKeys()
    {
        var directory = GatewayFactory.NewDataDirectory();
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-whole-state", "regiongrains.db"), Path.Combine(directory, "regiongrains.db"));

        await using (var first = new GatewayFactory(directory))
        {
            var client = first.CreateClient();
            var region = await HttpAssert.Json(await client.GetAsync("/api/regions/zz-legacy"), HttpStatusCode.OK);
            Assert.Equal(8, (long?)region["version"]);
            Assert.Equal("Launching", (string?)region["status"]);
            Assert.Equal(100, (long?)region["capacity"]!["gpus"]!["total"]);
            Assert.Equal(9, (long?)region["capacity"]!["gpus"]!["reserved"]);
            Assert.Equal(2, (long?)region["reservations"]);

            var history = await History(client, "zz-legacy");
            Assert.Equal([8L, 7, 6, 5, 4, 3, 2, 1], history.Select(e => (long)e!["version"]!));
            Assert.Equal("ttl-1: 2 gpus for 2000000s", (string?)history[0]!["detail"]);
            Assert.Equal("step Launching", (string?)history[5]!["reason"]);
            Assert.All(history, e => Assert.Equal("anonymous", (string?)e!["actor"]));

            var replay = await client.PostAsJsonAsync("/api/regions/zz-legacy/reservations", new { reservationId = "keep-1", resource = "gpus", amount = 7 });
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            var reused = await client.PostAsJsonAsync("/api/regions/zz-legacy/reservations", new { reservationId = "gone-1", resource = "gpus", amount = 3 });
            Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
            var made = await client.PostAsJsonAsync("/api/regions/zz-legacy/reservations", new { reservationId = "after-1", resource = "gpus", amount = 4 });
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);

            var saoPaulo = await HttpAssert.Json(await client.GetAsync("/api/regions/br-sao-paulo"), HttpStatusCode.OK);
            Assert.Equal(5, (long?)saoPaulo["capacity"]!["gpus"]!["reserved"]);
        }

        // Converted once, at the silo's start: the rows of the whole-state format are gone, so nothing reads them again.
        Assert.False(HasTable(Path.Combine(directory, "regiongrains.db"), "grain_state"));

        await using (var second = new GatewayFactory(directory))
        {
            var client = second.CreateClient();
            var region = await HttpAssert.Json(await client.GetAsync("/api/regions/zz-legacy"), HttpStatusCode.OK);
            Assert.Equal(9, (long?)region["version"]);
            Assert.Equal(13, (long?)region["capacity"]!["gpus"]!["reserved"]);
            var history = await History(client, "zz-legacy");
            Assert.Equal(Enumerable.Range(1, 9).Reverse().Select(v => (long)v), history.Select(e => (long)e!["version"]!));
            Assert.Equal("after-1: 4 gpus", (string?)history[0]!["detail"]);
        }

        Directory.Delete(directory, recursive: true);
    }

    private static bool HasTable(string file, string table)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $table;";
        command.Parameters.AddWithValue("$table", table);
        return command.ExecuteScalar() is not null;
    }

    private static async Task<JsonArray> History(HttpClient client, string id) =>
        (await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}/history?limit=100"), HttpStatusCode.OK)).AsArray();
}
