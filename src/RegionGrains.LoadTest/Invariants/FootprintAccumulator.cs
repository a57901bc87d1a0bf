namespace RegionGrains.LoadTest.Invariants;

/// <summary>
/// Sums regions as they are read, for runs too large to keep every region in memory (the scale scenario
/// measures the heap, so it must not hold a million views of its own).
/// </summary>
public sealed class FootprintAccumulator
{
    private readonly Lock _lock = new();
    private readonly List<RegionView> _batch = [];
    private FootprintView _sum = FootprintView.Sum([]);
    private readonly List<string> _overReserved = [];

    public long Read { get; private set; }

    public IReadOnlyList<string> OverReserved => _overReserved;

    public void Add(RegionView region)
    {
        lock (_lock)
        {
            Read++;
            if (region.Capacity.Values.Any(p => p.OverReserved))
            {
                _overReserved.Add(region.Id);
            }

            _batch.Add(region);
            if (_batch.Count >= 1_024)
            {
                Flush();
            }
        }
    }

    public FootprintView Total()
    {
        lock (_lock)
        {
            Flush();
            return _sum;
        }
    }

    private void Flush()
    {
        var batch = FootprintView.Sum(_batch);
        _batch.Clear();
        _sum = new FootprintView(
            _sum.Regions + batch.Regions,
            Merge(_sum.ByStatus, batch.ByStatus, (a, b) => a + b),
            Merge(_sum.ByGeography, batch.ByGeography, (a, b) => a + b),
            Merge(_sum.Resources, batch.Resources, (a, b) => new PoolView(a.Total + b.Total, a.Reserved + b.Reserved, a.Usable + b.Usable)));
    }

    private static Dictionary<TKey, TValue> Merge<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> a, IReadOnlyDictionary<TKey, TValue> b, Func<TValue, TValue, TValue> add)
        where TKey : notnull
    {
        var merged = a.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in b)
        {
            merged[key] = merged.TryGetValue(key, out var existing) ? add(existing, value) : value;
        }

        return merged;
    }
}
