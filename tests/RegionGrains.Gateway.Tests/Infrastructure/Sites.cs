using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>One capacity pool as a test sets it up: its policy and how much the test reserves of it.</summary>
public sealed record SitePool(long Total, long Reserved = 0, long HeldBack = 0, decimal Overcommit = 1m, long MinUnit = 1, long? MaxUnit = null, long StepSize = 1)
{
    /// <summary>floor((total − heldBack) × overcommit), never below zero: the contract's formula, written here.</summary>
    public long Usable => Total <= HeldBack ? 0 : (long)Math.Floor((Total - HeldBack) * Overcommit);

    public long Available => Usable - Reserved;

    /// <summary>The PUT body of the pool, every policy field stated.</summary>
    public object Body => new { total = Total, heldBack = HeldBack, overcommit = Overcommit, minUnit = MinUnit, maxUnit = MaxUnit, stepSize = StepSize };

    public bool Takes(long amount) =>
        amount >= MinUnit && (MaxUnit is null || amount <= MaxUnit) && amount % StepSize == 0 && amount <= Available;
}

/// <summary>
/// A data center as a test creates it through the API, and what the test knows of it afterwards: the test's own
/// record, which placement answers are checked against.
/// </summary>
public sealed record Site(string Id, string Status, string Geography, double Latitude, double Longitude, IReadOnlyDictionary<string, SitePool> Pools)
{
    private static readonly string[] ToOnline = ["UnderConstruction", "Launching", "Online"];

    public string DisplayName => $"Site {Id}";

    /// <summary>The same site with one pool replaced, e.g. after the test reserved more of it.</summary>
    public Site WithPool(string resource, SitePool pool) =>
        this with { Pools = new Dictionary<string, SitePool>(Pools) { [resource] = pool } };

    /// <summary>Reads the region's current version, after the test changed it.</summary>
    public async Task RefreshVersionAsync(HttpClient client) =>
        Version = (long)(await HttpAssert.Json(await client.GetAsync($"/api/regions/{Id}"), HttpStatusCode.OK))["version"]!;

    /// <summary>The region's version once set up (read back from the region itself).</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Defines the region, walks it through the lifecycle, sets its pools, holds each pool's reserved amount in one
    /// reservation (while the region still accepts them) and moves it to its final status.
    /// </summary>
    public async Task CreateAsync(HttpClient client)
    {
        var created = await client.PutAsJsonAsync(
            $"/api/regions/{Id}",
            new { displayName = DisplayName, countryCode = "ZZ", geography = Geography, latitude = Latitude, longitude = Longitude });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var path = Status switch
        {
            "Planned" => [],
            "UnderConstruction" => ["UnderConstruction"],
            "Launching" => ["UnderConstruction", "Launching"],
            "Online" => ToOnline,
            _ => [.. ToOnline, Status],
        };
        var beforeReserving = path.Length > 3 ? path[..3] : path;
        foreach (var status in beforeReserving)
        {
            await Sites.MoveAsync(client, Id, status);
        }

        foreach (var (resource, pool) in Pools)
        {
            await HttpAssert.Json(await client.PutAsJsonAsync($"/api/regions/{Id}/capacity/{resource}", pool.Body), HttpStatusCode.OK);
        }

        var held = Pools.Where(p => p.Value.Reserved > 0).ToDictionary(p => p.Key, p => p.Value.Reserved);
        if (held.Count > 0)
        {
            await HttpAssert.Json(
                await client.PostAsJsonAsync($"/api/regions/{Id}/reservations", new { reservationId = "setup", resources = held }),
                HttpStatusCode.Created);
        }

        foreach (var status in path[beforeReserving.Length..])
        {
            await Sites.MoveAsync(client, Id, status);
        }

        var region = await HttpAssert.Json(await client.GetAsync($"/api/regions/{Id}"), HttpStatusCode.OK);
        Assert.Equal(Status, (string?)region["status"]);
        Version = (long)region["version"]!;
    }
}

/// <summary>Setting up regions and waiting for the footprint partitions, which serve listings and placement, to show them.</summary>
public static class Sites
{
    /// <summary>A fresh id fragment for resource names and region ids: 8 lowercase hex characters.</summary>
    public static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    public static async Task MoveAsync(HttpClient client, string id, string status) =>
        await HttpAssert.Json(await client.PostAsJsonAsync($"/api/regions/{id}/status", new { status, reason = "test setup" }), HttpStatusCode.OK);

    public static async Task CreateAllAsync(HttpClient client, IEnumerable<Site> sites)
    {
        foreach (var site in sites)
        {
            await site.CreateAsync(client);
        }
    }

    /// <summary>
    /// Waits until the region list, served by the footprint partitions like placement, shows every site at least at
    /// its version. Wakes on the footprint's event stream (a partition's change reaches it through the coordinator),
    /// and fails after <paramref name="bound"/> naming the regions still behind. The sites' ids must share a prefix
    /// that no other region's id starts with (a tag of <see cref="NewTag"/>).
    /// </summary>
    public static async Task WaitUntilPartitionsShowAsync(HttpClient client, IReadOnlyCollection<Site> sites, TimeSpan bound)
    {
        using var cancel = new CancellationTokenSource(bound);
        using var stream = await client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));

        // The sites share a prefix no other region has, so the page right after it lists exactly them.
        var common = sites.Select(s => s.Id).Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);
        var prefix = common[..Math.Min(common.Length, sites.Min(s => s.Id.Length) - 1)];
        while (true)
        {
            var page = (await HttpAssert.Json(await client.GetAsync($"/api/regions?after={prefix}&limit={sites.Count}"), HttpStatusCode.OK)).AsArray();
            var listed = page.ToDictionary(r => (string)r!["id"]!, r => (long)r!["version"]!);
            var behind = sites.Where(s => !listed.TryGetValue(s.Id, out var version) || version < s.Version).Select(s => $"{s.Id}@{s.Version}").ToList();
            if (behind.Count == 0)
            {
                return;
            }

            try
            {
                await FootprintOracle.NextEventAsync(events, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The footprint partitions did not show these regions at their versions within {bound}: {string.Join(", ", behind)}");
            }
        }
    }

    /// <summary>The reservation ids a region holds, every page walked.</summary>
    public static async Task<List<string>> ReservationIdsAsync(HttpClient client, string regionId)
    {
        var ids = new List<string>();
        for (string? next = $"/api/regions/{regionId}/reservations?limit=1000"; next is not null;)
        {
            var response = await client.GetAsync(next);
            ids.AddRange((await HttpAssert.Json(response, HttpStatusCode.OK)).AsArray().Select(r => (string)r!["reservationId"]!));
            next = HttpAssert.NextLink(response);
        }

        return ids;
    }

    /// <summary>A JSON body without the members named (e.g. the times a dry run and the real write differ in).</summary>
    public static string Without(JsonNode body, params string[] members)
    {
        var copy = JsonNode.Parse(body.ToJsonString())!.AsObject();
        foreach (var member in members)
        {
            copy.Remove(member);
        }

        return copy.ToJsonString();
    }
}
