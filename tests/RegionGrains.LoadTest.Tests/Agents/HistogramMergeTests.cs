using HdrHistogram;
using RegionGrains.LoadTest.Agents;
using RegionGrains.LoadTest.Reporting;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Tests.Agents;

/// <summary>
/// What agents send is merged exactly: the merged histogram is the one a single recorder would have built from every
/// agent's values, which the test builds itself from the same values.
/// </summary>
public sealed class HistogramMergeTests
{
    [Fact]
    public void TheMergedHistogramEqualsOneBuiltFromEveryAgentsValues()
    {
        // Three agents with different distributions: one fast, one slow with a long tail, one with few values.
        var random = new Random(7);
        var agents = new[]
        {
            Values(random, 20_000, 200, 2_000),
            Values(random, 5_000, 5_000, 900_000),
            Values(random, 37, 1, 50),
        };
        var all = LatencyRecorder.NewHistogram();
        foreach (var value in agents.SelectMany(v => v))
        {
            all.RecordValue(value);
        }

        var merged = SideMerge.Merge([.. agents.Select((values, i) => SideResult.From(Recorded("region-grain", values, i)))]);

        var total = merged.Latency.Total();
        Assert.Equal(all.TotalCount, total.TotalCount);
        Assert.Equal(agents.Sum(v => v.Count), merged.Operations);
        Assert.Equal(all.GetMaxValue(), total.GetMaxValue());
        Assert.Equal(all.GetMean(), total.GetMean(), 9);
        Assert.Equal(all.RecordedValues().First().ValueIteratedTo, total.RecordedValues().First().ValueIteratedTo);
        foreach (var percentile in new[] { 0.0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100 })
        {
            Assert.Equal(all.GetValueAtPercentile(percentile), total.GetValueAtPercentile(percentile));
        }

        // The round's percentiles come from the merged round histograms, so they are exact too.
        var round = Assert.Single(merged.Rounds);
        Assert.Equal(agents.Sum(v => v.Count), round.Operations);
        Assert.Equal(LatencySummary.From(all).P99, round.P99);
        Assert.Equal(LatencySummary.From(all).P50, round.P50);
    }

    [Fact]
    public void ErrorsRefusalsAndKindsAddUpAndTheTimeIsTheLongestAgents()
    {
        var first = Recorded("bare-kestrel", [1_000, 2_000], 0);
        first.Errors.Add("Timeout", 3);
        first.Refusals.Add("insufficient", 1);
        var second = Recorded("bare-kestrel", [4_000], 1);
        second.Errors.Add("Timeout");
        second.Errors.Add("http503", 2);

        var merged = SideMerge.Merge([SideResult.From(first), SideResult.From(second)]);

        Assert.Equal("bare-kestrel", merged.Name);
        Assert.Equal(new SortedDictionary<string, long> { ["Timeout"] = 4, ["http503"] = 2 }, merged.Errors.Snapshot());
        Assert.Equal(new SortedDictionary<string, long> { ["insufficient"] = 1 }, merged.Refusals.Snapshot());
        Assert.Equal(3, merged.LatencyByKind[(int)OperationKind.Read].Total().TotalCount);
        Assert.Equal(TimeSpan.FromSeconds(2), merged.Elapsed);
        Assert.Equal(3 / 2.0, merged.ThroughputPerSecond);
    }

    [Fact]
    public void AHistogramSurvivesItsEncodingExactly()
    {
        // Wide and full, as a real run's is: a payload of several reads of any stream that would carry it.
        var histogram = LatencyRecorder.NewHistogram();
        foreach (var value in Values(new Random(3), 200_000, 1, 3_600_000_000))
        {
            histogram.RecordValue(value);
        }

        var decoded = HistogramCodec.Decode(HistogramCodec.Encode(histogram), "the test's histogram");

        Assert.Equal(histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)), decoded.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
    }

    [Fact]
    public void AMalformedHistogramIsRefusedNamingWhatItWas()
    {
        var exception = Assert.Throws<InvalidDataException>(() => HistogramCodec.Decode("bm90IGEgaGlzdG9ncmFt", "agent 2's latency histogram"));

        Assert.StartsWith("agent 2's latency histogram is not an encoded HdrHistogram", exception.Message, StringComparison.Ordinal);
    }

    private static List<long> Values(Random random, int count, long low, long high) =>
        [.. Enumerable.Range(0, count).Select(_ => (long)Math.Exp(random.NextDouble() * (Math.Log(high) - Math.Log(low)) + Math.Log(low)))];

    /// <summary>A side as an agent's run leaves it: every value recorded as a read, in one round of one second.</summary>
    private static PhaseStats Recorded(string name, List<long> microseconds, int agent)
    {
        var stats = new PhaseStats(name);
        var round = LatencyRecorder.NewHistogram();
        foreach (var value in microseconds)
        {
            var latency = TimeSpan.FromMicroseconds(value);
            stats.Latency.Record(latency);
            stats.LatencyByKind[(int)OperationKind.Read].Record(latency);
            round.RecordValue(value);
            stats.CountOperation();
        }

        var summary = LatencySummary.From(round);
        var point = new TimelinePoint(1, 1, 1, microseconds.Count, new Dictionary<string, IntervalLatency>(), 0.5, 1, 0, 0, 0, 0, 1_000);
        stats.AddTimeline([point], new RoundReport(1, 1 + agent, microseconds.Count, microseconds.Count, summary.P50, summary.P90, summary.P99), round);
        stats.AddRound(TimeSpan.FromSeconds(1 + agent), ProcessUsage.Zero);
        return stats;
    }
}
