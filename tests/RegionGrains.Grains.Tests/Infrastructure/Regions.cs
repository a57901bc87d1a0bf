using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>Helpers that create regions with unique ids and walk them through the lifecycle.</summary>
public static class Regions
{
    public static RegionDefinition Definition(string name = "Test region") => new(name, "BR", Geography.Americas, -23.5, -46.6);

    public static RegionDefinition ServiceCenterDefinition(string name = "Test service center") =>
        new(name, "ID", Geography.AsiaPacific, -6.2, 106.8, SiteKind.ServiceCenter, ["id", "en"], "24/7");

    /// <summary>
    /// Every id handed out by <see cref="NewId"/> in this test run, whether or not the region was defined: the
    /// tests' own record of what they may have created, an oracle that does not come from the code under test.
    /// </summary>
    public static IReadOnlyCollection<string> Issued => IssuedIds.Keys.ToArray();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> IssuedIds = new(StringComparer.Ordinal);

    /// <summary>Records an id the test builds itself (e.g. a numbered series), so that the footprint oracle counts it too.</summary>
    public static string Issue(string id)
    {
        IssuedIds[id] = true;
        return id;
    }

    public static string NewId(string prefix = "t")
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];
        IssuedIds[id] = true;
        return id;
    }

    /// <summary>Defines a new region and walks it to <paramref name="status"/> along allowed transitions.</summary>
    public static async Task<IRegionGrain> CreateAsync(IGrainFactory grains, RegionStatus status = RegionStatus.Online, IReadOnlyDictionary<string, long>? capacity = null)
    {
        var grain = grains.GetGrain<IRegionGrain>(NewId());
        var defined = await grain.DefineAsync(Definition());
        Assert.Equal(RegionOutcome.Created, defined.Outcome);
        foreach (var step in PathTo(status))
        {
            var moved = await grain.ChangeStatusAsync(step, "test setup");
            Assert.True(moved.Outcome == RegionOutcome.Ok, $"Setup could not move to {step}: {moved.Detail}");
        }

        foreach (var (resource, total) in capacity ?? ImmutableDictionary<string, long>.Empty)
        {
            Assert.Equal(RegionOutcome.Ok, (await grain.SetCapacityAsync(resource, total)).Outcome);
        }

        return grain;
    }

    /// <summary>Shortest path of statuses from Planned to <paramref name="target"/> (excluding Planned).</summary>
    public static IReadOnlyList<RegionStatus> PathTo(RegionStatus target)
    {
        var previous = new Dictionary<RegionStatus, RegionStatus> { [RegionStatus.Planned] = RegionStatus.Planned };
        var queue = new Queue<RegionStatus>([RegionStatus.Planned]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in RegionLifecycle.AllowedTargets(current))
            {
                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        var path = new List<RegionStatus>();
        for (var s = target; s != RegionStatus.Planned; s = previous[s])
        {
            path.Insert(0, s);
        }

        return path;
    }
}
