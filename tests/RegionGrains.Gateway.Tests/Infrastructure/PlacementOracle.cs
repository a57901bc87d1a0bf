using System.Text.Json.Nodes;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>
/// Placement's brute force over the sites a test created: each site checked against the contract on the test's own
/// record of it (status, place, pools, what it reserved), then sorted by the policy. Nothing is read from the gateway.
/// </summary>
public static class PlacementOracle
{
    private static readonly string[] Accepting = ["Launching", "Online", "Degraded"];

    public sealed record Expected(Site Site, double MeanUtilization, double? DistanceKm);

    /// <summary>The sites that take the whole order, best first by <paramref name="policy"/> (pack, spread or nearest).</summary>
    public static List<Expected> Candidates(
        IEnumerable<Site> sites,
        IReadOnlyDictionary<string, long> order,
        string policy,
        string? status = null,
        string? geography = null,
        (double Latitude, double Longitude)? near = null)
    {
        var fitting = sites
            .Where(s => Accepting.Contains(s.Status) && (status is null || s.Status == status) && (geography is null || s.Geography == geography))
            .Where(s => order.All(o => s.Pools.TryGetValue(o.Key, out var pool) && pool.Takes(o.Value)))
            .Select(s => new Expected(
                s,
                order.Keys.Sum(k => (double)s.Pools[k].Reserved / s.Pools[k].Usable) / order.Count,
                near is { } point ? DistanceKm(point.Latitude, point.Longitude, s.Latitude, s.Longitude) : null))
            .ToList();
        fitting.Sort((a, b) =>
        {
            var first = policy switch
            {
                "pack" => b.MeanUtilization.CompareTo(a.MeanUtilization),
                "spread" => a.MeanUtilization.CompareTo(b.MeanUtilization),
                "nearest" => a.DistanceKm!.Value.CompareTo(b.DistanceKm!.Value),
                _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "pack, spread or nearest"),
            };
            return first != 0 ? first : string.CompareOrdinal(a.Site.Id, b.Site.Id);
        });
        return fitting;
    }

    /// <summary>Checks a candidates answer against the expectation: the order, and each candidate's figures.</summary>
    public static void AssertAnswer(JsonNode answer, IReadOnlyList<Expected> expected, IReadOnlyDictionary<string, long> order, string because)
    {
        var candidates = answer["candidates"]!.AsArray();
        var actualIds = candidates.Select(c => (string)c!["regionId"]!).ToList();
        Assert.True(
            expected.Select(e => e.Site.Id).SequenceEqual(actualIds),
            $"{because}: expected [{string.Join(", ", expected.Select(e => e.Site.Id))}], got [{string.Join(", ", actualIds)}]");
        foreach (var (e, c) in expected.Zip(candidates))
        {
            Assert.Equal(e.Site.DisplayName, (string?)c!["displayName"]);
            Assert.Equal(e.Site.Geography, (string?)c["geography"]);
            Assert.Equal(e.Site.Status, (string?)c["status"]);
            Assert.Equal(e.Site.Version, (long)c["version"]!);
            Assert.NotNull((string?)c["updatedAt"]);
            Assert.Equal(order.Keys.Order(StringComparer.Ordinal), c["available"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal(order.Keys.Order(StringComparer.Ordinal), c["utilization"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            foreach (var resource in order.Keys)
            {
                var pool = e.Site.Pools[resource];
                Assert.Equal(pool.Available, (long)c["available"]![resource]!);
                Assert.Equal((double)pool.Reserved / pool.Usable, (double)c["utilization"]![resource]!, 9);
            }

            if (e.DistanceKm is { } distance)
            {
                Assert.Equal(distance, (double)c["distanceKm"]!, 0.01);
            }
            else
            {
                Assert.Null(c["distanceKm"]);
            }
        }
    }

    /// <summary>Great-circle distance (haversine, atan2 form) on the IUGG mean Earth radius, 6,371.0088 km.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2));
        return 2 * 6371.0088 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }
}
