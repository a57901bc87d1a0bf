using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Measures footprint staleness from outside: each probe region owns a pool (<c>probe0</c>, <c>probe1</c>, ...)
/// that no other region has, sets its total to a new value, and times from the moment the update returned
/// until a footprint read shows that total. Probes pause 10 ms between samples.
/// </summary>
public sealed class StalenessProbes
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly ImmutableArray<string> _ids;
    private long _value;
    private long _timeouts;

    public StalenessProbes(IGrainFactory grains, string runTag, int count)
    {
        _grains = grains;
        _ids = [.. Enumerable.Range(0, count).Select(k => string.Create(CultureInfo.InvariantCulture, $"lt-{runTag}-probe-{k}"))];
    }

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public static string ResourceOf(int probe) => string.Create(CultureInfo.InvariantCulture, $"probe{probe}");

    /// <summary>Creates the probe regions, each with its own pool at 0; returns their snapshots for the naive coordinator.</summary>
    public async Task<RegionSnapshot[]> CreateAsync() => await Task.WhenAll(_ids.Select(async (id, k) =>
    {
        var capacity = ImmutableDictionary<string, long>.Empty.Add(ResourceOf(k), 0);
        var result = await _grains.GetGrain<IRegionGrain>(id).SeedAsync(new RegionDefinition($"Staleness probe {k}", "ZZ", Geography.Europe, 0, 0), RegionStatus.Online, capacity);
        return result.Region ?? throw new InvalidOperationException($"Probe region {id} could not be created: {result.Outcome} {result.Detail}");
    }));

    /// <summary>Runs every probe until <paramref name="stop"/>; with <paramref name="naive"/>, updates go through and reads come from the naive coordinator.</summary>
    public Task RunAsync(LatencyRecorder staleness, INaiveFootprintGrain? naive, CancellationToken stop) =>
        Task.WhenAll(_ids.Select((id, k) => ProbeAsync(id, ResourceOf(k), staleness, naive, stop)));

    private async Task ProbeAsync(string id, string resource, LatencyRecorder staleness, INaiveFootprintGrain? naive, CancellationToken stop)
    {
        var region = _grains.GetGrain<IRegionGrain>(id);
        var footprint = _grains.GetGrain<IFootprintGrain>(IFootprintGrain.Key);
        while (!stop.IsCancellationRequested)
        {
            var value = Interlocked.Increment(ref _value);
            var result = await region.SetCapacityAsync(resource, value);
            if (naive is not null && result.Region is { } snapshot)
            {
                await naive.ApplyAsync(snapshot);
            }

            var acknowledged = Stopwatch.GetTimestamp();
            while (true)
            {
                var current = naive is null ? await footprint.GetAsync() : await naive.GetAsync();
                if (current.Resources.TryGetValue(resource, out var totals) && totals.Total >= value)
                {
                    staleness.RecordSince(acknowledged);
                    break;
                }

                if (Stopwatch.GetElapsedTime(acknowledged) > Timeout)
                {
                    Interlocked.Increment(ref _timeouts);
                    staleness.Record(Timeout);
                    break;
                }

                await Task.Delay(1, CancellationToken.None);
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
