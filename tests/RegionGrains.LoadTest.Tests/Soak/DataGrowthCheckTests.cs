using RegionGrains.LoadTest.Soak;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Tests.Soak;

public sealed class DataGrowthCheckTests
{
    private const long Mebibyte = 1024 * 1024;

    private static readonly OperationMix Churn = OperationMix.Parse("read=80,reserve=15,release=15,status=5");

    [Fact]
    public void DataThatGrowsWithEveryWriteFails()
    {
        // One MiB more every 10 s: 10 MiB at 100 s against 5 MiB at 50 s.
        var samples = Samples(Enumerable.Range(1, 10).Select(i => i * Mebibyte));

        var check = DataGrowthCheck.Evaluate(samples, DataGrowthCheck.DefaultMaxGrowth, Churn);

        Assert.False(check.Passed, check.Detail);
        Assert.Equal(1, check.Violations);
        Assert.Contains("2× the 5 MiB at 50 s", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DataThatFillsUpAndLevelsOffPasses()
    {
        // Filling up to 40 MiB in the first 30 s, then level within a few pages.
        var samples = Samples([10 * Mebibyte, 20 * Mebibyte, 40 * Mebibyte, 41 * Mebibyte, 40 * Mebibyte, 41 * Mebibyte, 42 * Mebibyte, 41 * Mebibyte, 42 * Mebibyte, 42 * Mebibyte]);

        var check = DataGrowthCheck.Evaluate(samples, DataGrowthCheck.DefaultMaxGrowth, Churn);

        Assert.True(check.Passed, check.Detail);
        Assert.Equal(10, check.Checked);
    }

    [Fact]
    public void TheRatioIsTheOneGiven()
    {
        var samples = Samples([Mebibyte, Mebibyte, 3 * Mebibyte / 2]);

        Assert.False(DataGrowthCheck.Evaluate(samples, 1.25, Churn).Passed);
        Assert.True(DataGrowthCheck.Evaluate(samples, 1.5, Churn).Passed);
    }

    [Fact]
    public void AMixThatNeverReleasesIsNamedAsTheReasonForGrowth()
    {
        var samples = Samples(Enumerable.Range(1, 4).Select(i => i * Mebibyte));

        var check = DataGrowthCheck.Evaluate(samples, DataGrowthCheck.DefaultMaxGrowth, OperationMix.Parse("read=80,reserve=15,status=5"));

        Assert.False(check.Passed);
        Assert.Contains("reserves without releasing", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OneSampleIsNotApplicableRatherThanPassed()
    {
        var check = DataGrowthCheck.Evaluate(Samples([Mebibyte]), DataGrowthCheck.DefaultMaxGrowth, Churn);

        Assert.Null(check.Passed);
        Assert.Equal("not applicable", check.Outcome);
    }

    /// <summary>A sample every 10 s with these data sizes; the other measures do not matter to the check.</summary>
    private static List<SoakSample> Samples(IEnumerable<long> dataBytes) =>
        [.. dataBytes.Select((bytes, i) => new SoakSample((i + 1) * 10.0, 10, 1_000, 100, 1, 2, 0, null, null, 50 * Mebibyte, 300, bytes, 0))];
}
