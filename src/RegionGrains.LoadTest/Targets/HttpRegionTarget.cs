using System.Net;
using System.Net.Http.Json;
using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Targets;

/// <summary>The mix as gateway HTTP requests.</summary>
public sealed class HttpRegionTarget(HttpClient client, Uri gateway, RegionSet regions) : ILoadTarget
{
    public string Name => "gateway-http";

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken)
    {
        var region = new Uri(gateway, $"api/regions/{regions.Ids[key]}");
        switch (kind)
        {
            case OperationKind.Read:
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, region), cancellationToken));
            case OperationKind.Reserve:
                var (sequence, id) = regions.NextReservation();
                var amount = random.Next(1, 4);
                var body = JsonContent.Create(new { reservationId = id, resource = RegionSet.ReserveResource, amount }, options: LoadHttpClient.Json);
                var status = await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, region + "/reservations") { Content = body }, cancellationToken);
                if (status == HttpStatusCode.Created)
                {
                    regions.Acknowledged.Enqueue(new AcknowledgedReservation(key, amount, sequence));
                }

                return Check(status);
            case OperationKind.Status:
                var change = JsonContent.Create(new { status = regions.NextStatus(key), reason = "load test" }, options: LoadHttpClient.Json);
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, region + "/status") { Content = change }, cancellationToken));
            case OperationKind.Capacity:
                var total = JsonContent.Create(new { total = RegionSet.InitialTotal + random.Next(1, 1_000) }, options: LoadHttpClient.Json);
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Put, region + "/capacity/" + RegionSet.CapacityResource) { Content = total }, cancellationToken));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>2xx is success, 409 an expected refusal, anything else a fault.</summary>
    internal static string? Check(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => null,
        409 => "Conflict",
        _ => throw new HttpRequestException($"HTTP {(int)status}", null, status),
    };

    /// <summary>Creates the run's regions through the API: define, walk the lifecycle to Online, set both pools.</summary>
    public static async Task CreateRegionsAsync(HttpClient client, Uri gateway, RegionSet regions, int concurrency, CancellationToken cancellationToken)
    {
        await Parallel.ForAsync(0, regions.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var region = new Uri(gateway, $"api/regions/{regions.Ids[i]}");
            var definition = RegionSet.DefinitionOf(i);
            await Expect(HttpMethod.Put, region.ToString(), new { definition.DisplayName, definition.CountryCode, definition.Geography, definition.Latitude, definition.Longitude }, ct);
            foreach (var status in new[] { RegionStatus.UnderConstruction, RegionStatus.Launching, RegionStatus.Online })
            {
                await Expect(HttpMethod.Post, region + "/status", new { status, reason = "load test setup" }, ct);
            }

            foreach (var resource in new[] { RegionSet.ReserveResource, RegionSet.CapacityResource })
            {
                await Expect(HttpMethod.Put, region + "/capacity/" + resource, new { total = RegionSet.InitialTotal }, ct);
            }
        });

        async Task Expect(HttpMethod method, string uri, object body, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body, options: LoadHttpClient.Json) };
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Setting up {uri} failed: {method} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }
    }
}
