using RegionGrains.LoadTest.Tests.Support;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Tests.Workload;

public sealed class RateScheduleTests
{
    private static readonly RateSchedule Ramp = RateSchedule.Staged(0, [new(TimeSpan.FromSeconds(30), 1000), new(TimeSpan.FromSeconds(60), 10_000), new(TimeSpan.FromSeconds(30), 0)]);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(15, 500, 3_750)]
    [InlineData(30, 1000, 15_000)]
    [InlineData(45, 3250, 15_000 + 31_875)]
    [InlineData(90, 10_000, 15_000 + 330_000)]
    [InlineData(105, 5_000, 345_000 + 112_500)]
    [InlineData(120, 0, 495_000)]
    [InlineData(500, 0, 495_000)]
    public void TheRateMovesLinearlyToEachStagesTargetAndItsIntegralCountsTheOperationsDue(double seconds, double rate, double count)
    {
        // The expected figures are trapezoids worked out by hand: 15 s from 0 to 500/s is 3,750 operations.
        Assert.Equal(rate, Ramp.RateAt(seconds), 6);
        Assert.Equal(count, Ramp.CountAt(seconds), 6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7_500)]
    [InlineData(15_000)]
    [InlineData(200_000)]
    [InlineData(494_999)]
    public void EachOperationIsDueWhenTheCountReachesIt(double k)
    {
        var due = Ramp.TimeOf(k);

        Assert.InRange(due, 0, 120);
        Assert.Equal(k, Ramp.CountAt(due), 3);
    }

    [Fact]
    public void NoOperationIsDueAfterTheLastStageAndAConstantRateIsEvenlySpaced()
    {
        Assert.Equal(double.PositiveInfinity, Ramp.TimeOf(495_000));
        var constant = RateSchedule.Constant(200);
        Assert.Equal(2.5, constant.TimeOf(500), 9);
        Assert.Equal(400, constant.CountAt(2), 9);
        Assert.Equal("30s:1000,1m:10000,30s:0", Ramp.ToString());
    }

    [Theory]
    [InlineData("30s", "'30s' is not DURATION:TARGET")]
    [InlineData("30s:lots", "'lots' is not a rate")]
    [InlineData("0s:100", "'0s' is not a duration above 0")]
    [InlineData("10s:-5", "'-5' is not a rate")]
    [InlineData("10s:0,5s:0", "would start no operation")]
    public async Task MalformedStagesAreRefusedBeforeAnythingRunsWithTheReason(string stages, string reason)
    {
        var (exitCode, output) = await CliRunner.RunAsync("grains", "--stages", stages);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.StartsWith("Error: --stages", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "10s", "leave out --duration")]
    [InlineData("--rounds", "4", "1h a round, 4h in 4 rounds; at most 2h")]
    public async Task StagesSetTheRunsLengthSoTheyRefuseADurationAndAnOverlongRun(string option, string value, string reason)
    {
        var (exitCode, output) = await CliRunner.RunAsync("grains", "--stages", "30m:100,30m:100", option, value);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
    }
}
