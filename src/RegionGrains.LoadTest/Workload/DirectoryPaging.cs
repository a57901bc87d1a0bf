using System.Diagnostics;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// Latency of region directory pages over every region the run created: the first page, a page 90 % of the way
/// through the ids, and a largest page there, each asked <see cref="Samples"/> times one after another.
/// </summary>
internal static class DirectoryPaging
{
    private const int Samples = 50;

    public static async Task<Dictionary<string, object?>> MeasureAsync(IGrainFactory grains, RegionSet regions)
    {
        var directory = grains.GetGrain<IRegionDirectoryGrain>(IRegionDirectoryGrain.Key);
        var sorted = regions.Ids.Order(StringComparer.Ordinal).ToArray();
        var deepAfter = sorted[sorted.Length * 9 / 10];
        return new Dictionary<string, object?>
        {
            ["firstPageMs"] = await TimeAsync(() => directory.ListAsync(new RegionPageQuery(null, RegionPageQuery.DefaultLimit))),
            ["deepPageMs"] = await TimeAsync(() => directory.ListAsync(new RegionPageQuery(deepAfter, RegionPageQuery.DefaultLimit))),
            ["deepLargestPageMs"] = await TimeAsync(() => directory.ListAsync(new RegionPageQuery(deepAfter, RegionPageQuery.MaxLimit))),
            ["deepAfter"] = deepAfter,
            ["note"] = $"directory grain ListAsync from an in-process client, {Samples} sequential calls each; pages of {RegionPageQuery.DefaultLimit} and {RegionPageQuery.MaxLimit}",
        };
    }

    private static async Task<LatencyReport> TimeAsync(Func<Task<RegionPage>> page)
    {
        await page();
        var latency = new LatencyRecorder();
        for (var i = 0; i < Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await page();
            latency.RecordSince(start);
            if (result.Regions.IsEmpty)
            {
                throw new InvalidOperationException("A directory page came back empty although the run created regions after its cursor.");
            }
        }

        return LatencyReport.From(latency.Summarize());
    }
}
