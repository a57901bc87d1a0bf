using System.Collections.Immutable;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Footprint;

/// <summary>Running sums over a set of region snapshots, updated by replacing one snapshot with its successor.</summary>
public sealed class FootprintSums
{
    private readonly Dictionary<RegionStatus, int> _byStatus = [];
    private readonly Dictionary<Geography, int> _byGeography = [];
    private readonly Dictionary<SiteKind, int> _byKind = [];
    private readonly Dictionary<string, (long Total, long Reserved, long Usable, int Pools)> _resources = new(StringComparer.Ordinal);

    public int Regions { get; private set; }

    public void Replace(RegionSnapshot? previous, RegionSnapshot next)
    {
        if (previous is not null)
        {
            Add(previous, -1);
        }

        Add(next, +1);
    }

    public PartitionAggregate ToAggregate(int partition, ImmutableArray<RegionSnapshot> changed, DateTimeOffset? oldestChangeAt) => new(
        partition,
        Regions,
        _byStatus.Where(p => p.Value != 0).ToImmutableDictionary(),
        _byGeography.Where(p => p.Value != 0).ToImmutableDictionary(),
        _resources.ToImmutableDictionary(p => p.Key, p => new ResourceTotals(p.Value.Total, p.Value.Reserved, p.Value.Usable), StringComparer.Ordinal),
        changed,
        oldestChangeAt)
    {
        ByKind = _byKind.Where(p => p.Value != 0).ToImmutableDictionary(),
    };

    private void Add(RegionSnapshot snapshot, int sign)
    {
        // Checked throughout: a sum that overflowed would publish negative totals as if they were true.
        Regions = checked(Regions + sign);
        _byStatus[snapshot.Status] = checked(_byStatus.GetValueOrDefault(snapshot.Status) + sign);
        _byGeography[snapshot.Definition.Geography] = checked(_byGeography.GetValueOrDefault(snapshot.Definition.Geography) + sign);
        _byKind[snapshot.Definition.Kind] = checked(_byKind.GetValueOrDefault(snapshot.Definition.Kind) + sign);
        if (snapshot.Definition.Kind != SiteKind.DataCenter)
        {
            // Capacity sums are over data centers only. The rules already give a service center no pools; this
            // keeps the sums meaning "data-center capacity" whatever a snapshot of another kind carries.
            return;
        }

        foreach (var (resource, pool) in snapshot.Capacity)
        {
            var (total, reserved, usable, pools) = _resources.GetValueOrDefault(resource);
            var updated = (checked(total + (sign * pool.Total)), checked(reserved + (sign * pool.Reserved)), checked(usable + (sign * pool.Usable)), checked(pools + sign));
            if (updated.Item4 == 0)
            {
                _resources.Remove(resource);
            }
            else
            {
                _resources[resource] = updated;
            }
        }
    }
}
