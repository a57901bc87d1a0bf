namespace RegionGrains.LoadTest.Soak;

/// <summary>
/// A series of a soak and its least-squares line against time: how much it moves per hour, in its unit and as a
/// share of its mean, over the whole run and over its second half, so that "flat" is a number beside the chart. The
/// second half leaves out the filling up at the start (the regions' retained history, the WAL up to its checkpoint
/// size, the caches), after which a bounded series should stay level.
/// </summary>
/// <param name="Name">The series, as the report names it (e.g. <c>heapAfterGen2Bytes</c>).</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Samples">How many samples had a value.</param>
/// <param name="Mean">Mean of those values.</param>
/// <param name="First">The first value.</param>
/// <param name="Last">The last value.</param>
/// <param name="SlopePerHour">Slope of the least-squares line, in <paramref name="Unit"/> per hour; null with fewer than two samples.</param>
/// <param name="SlopePerHourOfMean">The slope as a fraction of the mean per hour (0.05: 5 % of the mean per hour); null when the mean is 0.</param>
/// <param name="SecondHalfSlopePerHour">The slope of the samples from the second half's start on (<see cref="DataGrowthCheck.Reference"/>).</param>
/// <param name="SecondHalfSlopePerHourOfMean">That slope as a fraction of those samples' mean per hour.</param>
public sealed record SeriesTrend(
    string Name,
    string Unit,
    int Samples,
    double? Mean,
    double? First,
    double? Last,
    double? SlopePerHour,
    double? SlopePerHourOfMean,
    double? SecondHalfSlopePerHour,
    double? SecondHalfSlopePerHourOfMean)
{
    /// <summary>Fits the series; <paramref name="points"/> are (seconds, value), values missing from a sample left out.</summary>
    /// <param name="name">The series' name.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="points">Its values by the second they were sampled at.</param>
    /// <param name="secondHalfFrom">The second the second half starts at.</param>
    public static SeriesTrend Fit(string name, string unit, IReadOnlyList<(double Seconds, double Value)> points, double secondHalfFrom)
    {
        if (points.Count == 0)
        {
            return new SeriesTrend(name, unit, 0, null, null, null, null, null, null, null);
        }

        var (slope, relative) = SlopeAndShare(points);
        var (secondHalf, secondHalfRelative) = SlopeAndShare([.. points.Where(p => p.Seconds >= secondHalfFrom)]);
        return new SeriesTrend(
            name, unit, points.Count, Round(points.Average(p => p.Value)), Round(points[0].Value), Round(points[^1].Value), slope, relative, secondHalf, secondHalfRelative);
    }

    /// <summary>The least-squares slope of value against time, per hour; null when the points do not span any time.</summary>
    public static double? SlopePerHourOf(IReadOnlyList<(double Seconds, double Value)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var hours = points.Select(p => p.Seconds / 3600).ToList();
        var meanX = hours.Average();
        var meanY = points.Average(p => p.Value);
        double covariance = 0;
        double variance = 0;
        for (var i = 0; i < points.Count; i++)
        {
            covariance += (hours[i] - meanX) * (points[i].Value - meanY);
            variance += (hours[i] - meanX) * (hours[i] - meanX);
        }

        return variance == 0 ? null : covariance / variance;
    }

    private static (double? Slope, double? ShareOfMean) SlopeAndShare(IReadOnlyList<(double Seconds, double Value)> points)
    {
        if (SlopePerHourOf(points) is not { } slope)
        {
            return (null, null);
        }

        var mean = points.Average(p => p.Value);
        return (Round(slope), mean == 0 ? null : Math.Round(slope / mean, 6));
    }

    private static double Round(double value) => Math.Round(value, 3);
}
