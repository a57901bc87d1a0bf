using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>Reads through the gateway API.</summary>
/// <param name="client">Client to the gateway.</param>
/// <param name="gateway">Base address of the gateway.</param>
/// <param name="list">Whether to list every region of the gateway (skipped for very large runs).</param>
public sealed class HttpRegionSource(HttpClient client, Uri gateway, bool list = true) : IRegionSource, IHoldingsSource
{
    public async Task<IReadOnlyCollection<string>?> ListIdsAsync(CancellationToken cancellationToken)
    {
        if (!list)
        {
            return null;
        }

        // Page by page, following the Link headers, with the largest page the API allows.
        var ids = new List<string>();
        for (Uri? next = new(gateway, $"api/regions?limit={RegionPageQuery.MaxLimit}"); next is not null;)
        {
            using var response = await client.GetAsync(next, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            ids.AddRange(document.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            next = NextPage(response);
        }

        return ids;
    }

    private Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links) || links.FirstOrDefault() is not { } link)
        {
            return null;
        }

        var end = link.IndexOf('>', StringComparison.Ordinal);
        return link.StartsWith('<') && end > 1 ? new Uri(gateway, link[1..end]) : null;
    }

    public async Task<RegionView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(gateway, $"api/regions/{id}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        return new RegionView(
            root.GetProperty("id").GetString()!,
            Enum.Parse<RegionStatus>(root.GetProperty("status").GetString()!),
            Enum.Parse<Geography>(root.GetProperty("geography").GetString()!),
            Pools(root.GetProperty("capacity")),
            root.GetProperty("reservations").GetInt32(),
            root.GetProperty("pendingChanges").GetInt32());
    }

    public async Task<FootprintView> GetFootprintAsync(CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(gateway, "api/footprint"), cancellationToken));
        var root = document.RootElement;
        return new FootprintView(
            root.GetProperty("regions").GetInt32(),
            root.GetProperty("byStatus").EnumerateObject().ToDictionary(p => Enum.Parse<RegionStatus>(p.Name), p => p.Value.GetInt32()),
            root.GetProperty("byGeography").EnumerateObject().ToDictionary(p => Enum.Parse<Geography>(p.Name), p => p.Value.GetInt32()),
            Pools(root.GetProperty("resources")));
    }

    /// <summary>Asks for each acknowledged reservation by id (<c>GET /api/regions/{id}/reservations/{reservationId}</c>).</summary>
    public async Task<(long Missing, string Detail)> FindMissingAsync(RegionSet regions, IReadOnlyDictionary<string, RegionView> read, CancellationToken cancellationToken)
    {
        var missing = new ConcurrentQueue<string>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(regions.Acknowledged, options, async (ack, ct) =>
        {
            var id = regions.ReservationIdOf(ack.Sequence);
            var held = await GetReservationAsync(regions.Ids[ack.Key], id, ct);
            if (held is null || held.Holds.Count != 1 || held.Holds.GetValueOrDefault(RegionSet.ReserveResource) != ack.Amount)
            {
                missing.Enqueue(id);
            }
        });
        await Parallel.ForEachAsync(regions.AcknowledgedPairs, options, async (ack, ct) =>
        {
            var id = regions.ReservationIdOf(ack.Sequence);
            var held = await GetReservationAsync(regions.Ids[ack.Key], id, ct);
            if (held is null || !AcknowledgedHolds.SamePair(held.Holds, ack) || held.Project != regions.Project)
            {
                missing.Enqueue(id);
            }
        });

        return AcknowledgedHolds.Describe(regions, missing);
    }

    public async Task<IReadOnlyList<ReservationView>?> ListReservationsAsync(string regionId, CancellationToken cancellationToken)
    {
        var all = new List<ReservationView>();
        for (Uri? next = new(gateway, $"api/regions/{regionId}/reservations?limit={ReservationQuery.MaxLimit}"); next is not null;)
        {
            using var response = await client.GetAsync(next, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            all.AddRange(document.RootElement.EnumerateArray().Select(Reservation));
            next = NextPage(response);
        }

        return all;
    }

    public async Task<ConsumerStateView> GetConsumerAsync(string consumer, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(gateway, $"api/consumers/{consumer}"), cancellationToken));
        var root = document.RootElement;
        var allocations = Allocations.From(root.GetProperty("allocations").EnumerateObject()
            .Select(r => KeyValuePair.Create(r.Name, (IReadOnlyDictionary<string, long>)Amounts(r.Value))));
        return new ConsumerStateView(root.GetProperty("version").GetInt64(), allocations, root.GetProperty("pending").GetBoolean());
    }

    public async Task<IReadOnlyDictionary<string, long>> GetUsageAsync(string project, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(gateway, $"api/usages?project={Uri.EscapeDataString(project)}"), cancellationToken));
        return Amounts(document.RootElement.GetProperty("resources"));
    }

    private async Task<ReservationView?> GetReservationAsync(string regionId, string reservationId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(gateway, $"api/regions/{regionId}/reservations/{reservationId}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));

        // The address also answers once a reservation has ended; only an active one holds anything.
        return document.RootElement.TryGetProperty("state", out var state) && state.GetString() != "Active" ? null : Reservation(document.RootElement);
    }

    private static ReservationView Reservation(JsonElement element) => new(
        element.GetProperty("reservationId").GetString()!,
        Amounts(element.GetProperty("resources")),
        element.TryGetProperty("consumer", out var consumer) && consumer.ValueKind == JsonValueKind.String ? consumer.GetString() : null,
        element.TryGetProperty("project", out var project) && project.ValueKind == JsonValueKind.String ? project.GetString() : null);

    private static Dictionary<string, long> Amounts(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);

    private static Dictionary<string, PoolView> Pools(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => new PoolView(p.Value.GetProperty("total").GetInt64(), p.Value.GetProperty("reserved").GetInt64(), p.Value.GetProperty("usable").GetInt64()), StringComparer.Ordinal);
}
