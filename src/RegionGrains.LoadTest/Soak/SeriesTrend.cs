namespace RegionGrains.LoadTest.Soak;

/// <summary>
/// A series of a soak and its least-squares line against time: how much it moves per hour, in its unit and as a
/// share of its mean, so that "flat" is a number beside the chart.
/// </summary>
/// <param name="Name">The series, as the report names it (e.g. <c>heapAfterGen2Bytes</c>).</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Samples">How many samples had a value.</param>
/// <param name="Mean">Mean of those values.</param>
/// <param name="First">The first value.</param>
/// <param name="Last">The last value.</param>
/// <param name="SlopePerHour">Slope of the least-squares line, in <paramref name="Unit"/> per hour; null with fewer than two samples.</param>
/// <param name="SlopePerHourOfMean">The slope as a fraction of the mean per hour (0.05: 5 % of the mean per hour); null when the mean is 0.</param>
public sealed record SeriesTrend(string Name, string Unit, int Samples, double? Mean, double? First, double? Last, double? SlopePerHour, double? SlopePerHourOfMean)
{
    /// <summary>Fits the series; <paramref name="points"/> are (seconds, value), values missing from a sample left out.</summary>
    public static SeriesTrend Fit(string name, string unit, IReadOnlyList<(double Seconds, double Value)> points)
    {
        if (points.Count == 0)
        {
            return new SeriesTrend(name, unit, 0, null, null, null, null, null);
        }

        var mean = points.Average(p => p.Value);
        var slope = SlopePerHourOf(points);
        return new SeriesTrend(
            name,
            unit,
            points.Count,
            Round(mean),
            Round(points[0].Value),
            Round(points[^1].Value),
            slope is { } s ? Round(s) : null,
            slope is { } r && mean != 0 ? Math.Round(r / mean, 6) : null);
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

    private static double Round(double value) => Math.Round(value, 3);
}
