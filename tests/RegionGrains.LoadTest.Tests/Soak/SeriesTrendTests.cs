using RegionGrains.LoadTest.Soak;

namespace RegionGrains.LoadTest.Tests.Soak;

public sealed class SeriesTrendTests
{
    [Fact]
    public void AStraightLineHasItsOwnSlopePerHour()
    {
        // 10 at the start, 20 an hour later: 10 per hour, on a mean of 15.
        var trend = SeriesTrend.Fit("x", "units", [(0, 10), (1_800, 15), (3_600, 20)], secondHalfFrom: 1_800);

        Assert.Equal(3, trend.Samples);
        Assert.Equal(15, trend.Mean);
        Assert.Equal(10, trend.SlopePerHour!.Value, 9);
        Assert.Equal(10.0 / 15, trend.SlopePerHourOfMean!.Value, 6);
        Assert.Equal((10.0, 20.0), (trend.First!.Value, trend.Last!.Value));
        Assert.Equal(10, trend.SecondHalfSlopePerHour!.Value, 9);
        Assert.Equal(10.0 / 17.5, trend.SecondHalfSlopePerHourOfMean!.Value, 6);
    }

    [Fact]
    public void ASeriesThatFillsUpAndLevelsOffIsFlatInItsSecondHalf()
    {
        // 0 to 10 in the first half hour, then level: the whole run slopes up, its second half does not.
        var trend = SeriesTrend.Fit("x", "units", [(0, 0), (1_800, 10), (3_600, 10), (5_400, 10), (7_200, 10)], secondHalfFrom: 3_600);

        Assert.True(trend.SlopePerHour > 0, $"{trend}");
        Assert.Equal(0, trend.SecondHalfSlopePerHour);
    }

    [Fact]
    public void ScatteredPointsGetTheLeastSquaresSlope()
    {
        // At hours 0, 1, 2 the values 1, 3, 2: sum of (x - 1)(y - 2) is 1, sum of (x - 1)² is 2, so 0.5 per hour.
        var slope = SeriesTrend.SlopePerHourOf([(0, 1), (3_600, 3), (7_200, 2)]);

        Assert.Equal(0.5, slope!.Value, 9);
    }

    [Fact]
    public void AFlatSeriesHasNoSlope()
    {
        var trend = SeriesTrend.Fit("x", "units", [(10, 7), (20, 7), (30, 7), (40, 7)], secondHalfFrom: 20);

        Assert.Equal(0, trend.SlopePerHour);
        Assert.Equal(0, trend.SlopePerHourOfMean);
    }

    [Fact]
    public void OneSampleGivesNoSlopeRatherThanZero()
    {
        var one = SeriesTrend.Fit("x", "units", [(10, 7)], secondHalfFrom: 10);
        var none = SeriesTrend.Fit("x", "units", [], secondHalfFrom: 0);

        Assert.Null(one.SlopePerHour);
        Assert.Equal(7, one.Mean);
        Assert.Equal(0, none.Samples);
        Assert.Null(none.Mean);
    }
}
