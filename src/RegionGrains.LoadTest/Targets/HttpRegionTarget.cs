using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Targets;

/// <summary>The mix as gateway HTTP requests (regions, placement, consumers, footprint).</summary>
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
            case OperationKind.Release:
                return await ReleaseAsync(cancellationToken);
            case OperationKind.Status:
                var change = JsonContent.Create(new { status = regions.NextStatus(key), reason = "load test" }, options: LoadHttpClient.Json);
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, region + "/status") { Content = change }, cancellationToken));
            case OperationKind.Capacity:
                var total = JsonContent.Create(new { total = RegionSet.InitialTotal + random.Next(1, 1_000) }, options: LoadHttpClient.Json);
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Put, region + "/capacity/" + RegionSet.CapacityResource) { Content = total }, cancellationToken));
            case OperationKind.Place:
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, CandidatesPath(RunOrders.Placement(random)))), cancellationToken));
            case OperationKind.Reserve2:
                return await ReserveBothAsync(key, region, random, cancellationToken);
            case OperationKind.ReserveAhead:
                var (startsAt, endsAt) = RunOrders.Ahead(random, DateTimeOffset.UtcNow);
                var booking = JsonContent.Create(
                    new
                    {
                        reservationId = regions.NextReservation().Id,
                        resource = RegionSet.ReserveResource,
                        amount = random.Next(1, 4),
                        startsAt = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        endsAt = endsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    },
                    options: LoadHttpClient.Json);
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, region + "/reservations") { Content = booking }, cancellationToken));
            case OperationKind.Claim or OperationKind.Claim2 or OperationKind.Claim3:
                return await ClaimAsync(RunOrders.Claim(regions, kind, key, random), cancellationToken);
            case OperationKind.Footprint:
                return Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "api/footprint")), cancellationToken));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary><c>api/placement/candidates?resources=racks:2,power_kw:5&amp;policy=nearest&amp;near=35.68,139.69</c> for the query.</summary>
    public static string CandidatesPath(PlacementQuery query)
    {
        var path = new StringBuilder("api/placement/candidates?resources=")
            .AppendJoin(',', query.Resources.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}:{p.Value}")))
            .Append("&policy=").Append(query.Policy.ToString().ToLowerInvariant());
        if (query.Near is { } near)
        {
            path.Append(CultureInfo.InvariantCulture, $"&near={near.Latitude},{near.Longitude}");
        }

        return path.ToString();
    }

    private async Task<string?> ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!regions.TryTakeForRelease(out var held))
        {
            return RegionSet.NothingHeld;
        }

        var reservation = new Uri(gateway, $"api/regions/{regions.Ids[held.Key]}/reservations/{regions.ReservationIdOf(held.Sequence)}");
        var status = await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Delete, reservation), cancellationToken);
        if (status is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Refused: the reservation is still expected to be held (a 404 for one that was acknowledged fails that check).
            regions.ReturnUnreleased(held);
            return status.ToString();
        }

        return Check(status);
    }

    private async Task<string?> ReserveBothAsync(int key, Uri region, Random random, CancellationToken cancellationToken)
    {
        var (sequence, id) = regions.NextReservation();
        var resources = RunOrders.BothPools(random);
        regions.MarkProjectHold(key);
        var body = JsonContent.Create(new { reservationId = id, resources, project = regions.Project }, options: LoadHttpClient.Json);
        var status = await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, region + "/reservations") { Content = body }, cancellationToken);
        if (status == HttpStatusCode.Created)
        {
            regions.AcknowledgedPairs.Enqueue(new AcknowledgedPair(key, (int)resources[RegionSet.ReserveResource], (int)resources[RegionSet.CapacityResource], sequence));
        }

        return Check(status);
    }

    private async Task<string?> ClaimAsync(ClaimDraw claim, CancellationToken cancellationToken)
    {
        var ledger = regions.Consumers[claim.Consumer];
        var uri = new Uri(gateway, $"api/consumers/{regions.Consumers.Names[claim.Consumer]}/allocations");
        var body = JsonContent.Create(new { claimId = claim.ClaimId, allocations = claim.Allocations.Map, project = regions.Project }, options: LoadHttpClient.Json);
        long version;
        try
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, uri) { Content = body }, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Check(response.StatusCode);
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            version = document.RootElement.GetProperty("version").GetInt64();
        }
        catch (Exception exception) when (exception is not HttpRequestException { StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError })
        {
            // No answer (a timeout, a dropped connection) or a server error: the claim may or may not have taken effect.
            ledger.MarkUnsure(claim.Allocations);
            throw;
        }

        ledger.Acknowledge(version, claim.Allocations);
        return null;
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
