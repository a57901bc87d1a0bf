using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>One pool's numbers, whichever way they were read; <see cref="Usable"/> is what its policy allows to reserve.</summary>
public readonly record struct PoolView(long Total, long Reserved, long Usable)
{
    /// <summary>Reserved above usable, or below nothing.</summary>
    public bool OverReserved => Reserved > Usable || Reserved < 0;
}

/// <summary>
/// What the invariants need of a region, read through grains or HTTP; <see cref="PendingChanges"/> counts the changes
/// across regions (claims) prepared there and not yet decided.
/// </summary>
public sealed record RegionView(string Id, RegionStatus Status, Geography Geography, IReadOnlyDictionary<string, PoolView> Capacity, int Reservations, int PendingChanges = 0)
{
    public static RegionView From(RegionSnapshot snapshot) => new(
        snapshot.Id,
        snapshot.Status,
        snapshot.Definition.Geography,
        snapshot.Capacity.ToDictionary(p => p.Key, p => new PoolView(p.Value.Total, p.Value.Reserved, p.Value.Usable), StringComparer.Ordinal),
        snapshot.Reservations,
        snapshot.PendingChanges);
}

/// <summary>A reservation held in a region: its id, what it holds, and whom it names.</summary>
public sealed record ReservationView(string Id, IReadOnlyDictionary<string, long> Holds, string? Consumer, string? Project);

/// <summary>A consumer as its grain answers: its version, its claims, and whether a change of its is still being completed.</summary>
public sealed record ConsumerStateView(long Version, Allocations Allocations, bool Pending);

/// <summary>What the invariants need of the footprint.</summary>
public sealed record FootprintView(
    int Regions,
    IReadOnlyDictionary<RegionStatus, int> ByStatus,
    IReadOnlyDictionary<Geography, int> ByGeography,
    IReadOnlyDictionary<string, PoolView> Resources)
{
    public static FootprintView From(GlobalFootprint footprint) => new(
        footprint.Regions,
        footprint.ByStatus,
        footprint.ByGeography,
        footprint.Resources.ToDictionary(p => p.Key, p => new PoolView(p.Value.Total, p.Value.Reserved, p.Value.Usable), StringComparer.Ordinal));

    /// <summary>The footprint the regions add up to.</summary>
    public static FootprintView Sum(IEnumerable<RegionView> regions)
    {
        var count = 0;
        var byStatus = new Dictionary<RegionStatus, int>();
        var byGeography = new Dictionary<Geography, int>();
        var resources = new Dictionary<string, PoolView>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            count++;
            byStatus[region.Status] = byStatus.GetValueOrDefault(region.Status) + 1;
            byGeography[region.Geography] = byGeography.GetValueOrDefault(region.Geography) + 1;
            foreach (var (name, pool) in region.Capacity)
            {
                var sum = resources.GetValueOrDefault(name);
                resources[name] = new PoolView(sum.Total + pool.Total, sum.Reserved + pool.Reserved, sum.Usable + pool.Usable);
            }
        }

        return new FootprintView(count, byStatus, byGeography, resources);
    }

    /// <summary>This footprint with <paramref name="other"/>'s counts and sums added.</summary>
    public FootprintView Plus(FootprintView other)
    {
        var resources = new Dictionary<string, PoolView>(Resources, StringComparer.Ordinal);
        foreach (var (name, pool) in other.Resources)
        {
            var sum = resources.GetValueOrDefault(name);
            resources[name] = new PoolView(sum.Total + pool.Total, sum.Reserved + pool.Reserved, sum.Usable + pool.Usable);
        }

        return new FootprintView(Regions + other.Regions, Add(ByStatus, other.ByStatus), Add(ByGeography, other.ByGeography), resources);
    }

    private static Dictionary<TKey, int> Add<TKey>(IReadOnlyDictionary<TKey, int> left, IReadOnlyDictionary<TKey, int> right)
        where TKey : notnull
    {
        var sum = left.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, count) in right)
        {
            sum[key] = sum.GetValueOrDefault(key) + count;
        }

        return sum;
    }

    /// <summary>Every way in which <paramref name="actual"/> differs from this expected footprint; empty when equal.</summary>
    public IReadOnlyList<string> Differences(FootprintView actual)
    {
        var differences = new List<string>();
        if (Regions != actual.Regions)
        {
            differences.Add($"regions {actual.Regions}, expected {Regions}");
        }

        Compare(ByStatus, actual.ByStatus, "status", differences);
        Compare(ByGeography, actual.ByGeography, "geography", differences);
        foreach (var name in Resources.Keys.Union(actual.Resources.Keys).Order(StringComparer.Ordinal))
        {
            var expected = Resources.GetValueOrDefault(name);
            var got = actual.Resources.GetValueOrDefault(name);
            if (expected.Total != got.Total || expected.Reserved != got.Reserved)
            {
                differences.Add($"{name} total/reserved {got.Total}/{got.Reserved}, expected {expected.Total}/{expected.Reserved}");
            }

            if (expected.Usable != got.Usable)
            {
                differences.Add($"{name} usable {got.Usable}, expected {expected.Usable}");
            }
        }

        return differences;
    }

    private static void Compare<TKey>(IReadOnlyDictionary<TKey, int> expected, IReadOnlyDictionary<TKey, int> actual, string what, List<string> differences)
        where TKey : notnull
    {
        foreach (var key in expected.Keys.Union(actual.Keys))
        {
            if (expected.GetValueOrDefault(key) != actual.GetValueOrDefault(key))
            {
                differences.Add($"{what} {key} {actual.GetValueOrDefault(key)}, expected {expected.GetValueOrDefault(key)}");
            }
        }
    }
}
