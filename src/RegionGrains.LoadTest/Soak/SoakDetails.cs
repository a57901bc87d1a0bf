namespace RegionGrains.LoadTest.Soak;

/// <summary>The <c>soak</c> scenario's own figures: the rate and how it was chosen, every sample, and each series' trend.</summary>
/// <param name="RegionsCreatedPerSecond">How fast the run's regions were created.</param>
/// <param name="CeilingPerSecond">Throughput of the closed loop run first; null when <c>--rate</c> was given.</param>
/// <param name="TargetRatePerSecond">The soak's open-loop rate.</param>
/// <param name="RateSource">Where the rate came from.</param>
/// <param name="SamplesWithGen2">Samples in whose interval a gen-2 collection happened (the others have no heap-after-gen-2 figure).</param>
/// <param name="Trends">Each series' least-squares slope.</param>
/// <param name="Samples">Every sample, in order.</param>
public sealed record SoakDetails(
    double RegionsCreatedPerSecond,
    double? CeilingPerSecond,
    double TargetRatePerSecond,
    string RateSource,
    int SamplesWithGen2,
    IReadOnlyList<SeriesTrend> Trends,
    IReadOnlyList<SoakSample> Samples)
{
    public const string HeapAfterGen2 = "heapAfterGen2Bytes";
    public const string LiveAfterGen2 = "liveAfterGen2Bytes";
    public const string P99 = "p99Ms";
    public const string DataFiles = "dataBytes";
    public const string Handles = "openHandles";

    /// <summary>The series a soak plots, each with its trend.</summary>
    public static IReadOnlyList<SeriesTrend> TrendsOf(IReadOnlyList<SoakSample> samples)
    {
        var secondHalfFrom = samples.Count == 0 ? 0 : DataGrowthCheck.Reference(samples).Second;
        return
        [
            Fit(samples, secondHalfFrom, HeapAfterGen2, "bytes", s => s.HeapAfterGen2Bytes),
            Fit(samples, secondHalfFrom, LiveAfterGen2, "bytes", s => s.LiveAfterGen2Bytes),
            Fit(samples, secondHalfFrom, "heapBytes", "bytes", s => s.HeapBytes),
            Fit(samples, secondHalfFrom, "p50Ms", "ms", s => s.P50Ms),
            Fit(samples, secondHalfFrom, P99, "ms", s => s.P99Ms),
            Fit(samples, secondHalfFrom, "operationsPerSecond", "ops/s", s => s.OperationsPerSecond),
            Fit(samples, secondHalfFrom, Handles, "handles", s => s.OpenHandles),
            Fit(samples, secondHalfFrom, DataFiles, "bytes", s => s.DataBytes),
            Fit(samples, secondHalfFrom, "walBytes", "bytes", s => s.WalBytes),
        ];
    }

    /// <summary>The trend of one series by its name.</summary>
    public SeriesTrend Trend(string name) => Trends.Single(t => t.Name == name);

    private static SeriesTrend Fit(IReadOnlyList<SoakSample> samples, double secondHalfFrom, string name, string unit, Func<SoakSample, double?> value) =>
        SeriesTrend.Fit(name, unit, [.. samples.Where(s => value(s) is not null).Select(s => (s.Second, value(s)!.Value))], secondHalfFrom);
}
