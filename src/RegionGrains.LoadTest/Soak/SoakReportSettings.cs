namespace RegionGrains.LoadTest.Soak;

/// <summary>The settings of a <c>soak</c> run, as its report gives them.</summary>
public sealed record SoakReportSettings(
    int Regions,
    string Mix,
    int Concurrency,
    double? Rate,
    double CeilingDurationSeconds,
    double DurationSeconds,
    double SampleEverySeconds,
    double MaxDataGrowth,
    bool CollectGen2,
    string Storage,
    int Seed);
