using System.Net;
using System.Text.Json;
using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Targets;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>Reads through the gateway API.</summary>
/// <param name="client">Client to the gateway.</param>
/// <param name="gateway">Base address of the gateway.</param>
/// <param name="list">Whether to list every region of the gateway (skipped for very large runs).</param>
public sealed class HttpRegionSource(HttpClient client, Uri gateway, bool list = true) : IRegionSource
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
            root.GetProperty("reservations").GetInt32());
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

    /// <summary>
    /// The API has no GET for one reservation, and replaying a POST would create a lost one again, so this
    /// compares counts instead: the run's regions start with nothing reserved and nothing else releases,
    /// so each must hold at least the reservations and amounts acknowledged on it.
    /// </summary>
    public Task<(long Missing, string Detail)> FindMissingAsync(RegionSet regions, IReadOnlyDictionary<string, RegionView> read, CancellationToken cancellationToken)
    {
        long missing = 0;
        long unacknowledged = 0;
        foreach (var group in regions.Acknowledged.GroupBy(a => a.Key))
        {
            var expectedCount = group.Count();
            var expectedAmount = group.Sum(a => (long)a.Amount);
            if (!read.TryGetValue(regions.Ids[group.Key], out var region))
            {
                missing += expectedCount;
                continue;
            }

            var held = region.Capacity.GetValueOrDefault(RegionSet.ReserveResource);
            missing += Math.Max(0, expectedCount - region.Reservations) + (held.Reserved < expectedAmount ? 1 : 0);
            unacknowledged += Math.Max(0, region.Reservations - expectedCount);
        }

        var detail = missing == 0
            ? $"every region holds at least the {regions.Acknowledged.Count} reservations acknowledged on it (counts and amounts)"
            : $"{missing} acknowledged reservations (or amounts) not held";
        if (unacknowledged > 0)
        {
            detail += $"; {unacknowledged} held but never acknowledged (answers lost to timeouts)";
        }

        return Task.FromResult((missing, detail));
    }

    private static Dictionary<string, PoolView> Pools(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => new PoolView(p.Value.GetProperty("total").GetInt64(), p.Value.GetProperty("reserved").GetInt64()), StringComparer.Ordinal);
}
