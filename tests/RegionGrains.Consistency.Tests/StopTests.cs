using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RegionGrains.Consistency.Tests.Infrastructure;

namespace RegionGrains.Consistency.Tests;

/// <summary>
/// A silo that stops while its footprint pushes cannot be delivered. Two clusters on one journal file make that happen
/// every time: the second cluster's footprint partitions find their member streams written by the first, so its
/// regions' pushes keep failing, and when it stops there is no other silo of its cluster to take them.
/// </summary>
public sealed class StopTests
{
    [Fact]
    public async Task ASiloThatIsTheLastOfItsClusterStopsWithoutWaitingForPushesNoPartitionCanTake()
    {
        var directory = EmbeddedGateway.NewDataDirectory();
        var logs = new FakeLogCollector();
        await using (var first = new EmbeddedGateway(directory, "stop-a"))
        {
            var second = new EmbeddedGateway(directory, "stop-b", logging: l => l.AddProvider(new FakeLoggerProvider(logs)));
            await using (second)
            {
                var a = first.CreateClient();
                var b = second.CreateClient();
                var region = $"stop-{Guid.NewGuid():N}"[..13];
                var definition = new { displayName = "Stop test", countryCode = "BR", geography = "Americas", latitude = 1.0, longitude = 2.0 };
                (await a.PutAsJsonAsync($"/api/regions/{region}", definition)).EnsureSuccessStatusCode();
                (await b.PutAsJsonAsync($"/api/regions/{region}/capacity/gpus", new { total = 10 })).EnsureSuccessStatusCode();
            }

            var outbox = logs.GetSnapshot().Where(r => r.Category == "RegionGrains.Grains.Footprint.FootprintOutbox").ToList();
            Assert.Contains(outbox, r => r.Message.StartsWith("No other silo is active to take the footprint pushes still queued", StringComparison.Ordinal));
        }

        Directory.Delete(directory, recursive: true);
    }
}
