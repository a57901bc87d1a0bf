using System.Globalization;
using RegionGrains.LoadTest.Soak;

namespace RegionGrains.LoadTest.Reporting.Html;

/// <summary>A soak's samples over its minutes, one chart per measure, each titled with its slope; then the slopes as a table.</summary>
public static class SoakCharts
{
    private const string Minutes = "minutes of the soak";
    private const double Mebibyte = 1024 * 1024;

    public static string Section(SoakDetails soak)
    {
        var samples = soak.Samples;
        var charts = new List<LineChart>();

        var heap = new LineChart(
            "soak-heap",
            $"Managed heap after gen-2: {Slope(soak, SoakDetails.HeapAfterGen2, Mebibyte, "MiB")}; live after it {Slope(soak, SoakDetails.LiveAfterGen2, Mebibyte, "MiB")} ({soak.SamplesWithGen2} of {samples.Count} samples had a gen-2)",
            Minutes,
            "MiB");
        heap.Series.Add(Line("after the interval's latest gen-2", 0, ChartSeries.Solid, samples, s => s.HeapAfterGen2Bytes / Mebibyte));
        heap.Series.Add(Line("live after that gen-2", 1, ChartSeries.Dashed, samples, s => s.LiveAfterGen2Bytes / Mebibyte));
        heap.Series.Add(Line("after the latest collection of any generation", 2, ChartSeries.Dotted, samples, s => s.HeapBytes / Mebibyte));
        charts.Add(heap);

        var latency = new LineChart("soak-latency", $"Latency per sample: p99 {Slope(soak, SoakDetails.P99, 1, "ms")}", Minutes, "milliseconds");
        latency.Series.Add(Line("p50", 0, ChartSeries.Solid, samples, s => s.P50Ms));
        latency.Series.Add(Line("p99", 1, ChartSeries.Solid, samples, s => s.P99Ms));
        charts.Add(latency);

        var throughput = new LineChart("soak-throughput", $"Throughput: {Slope(soak, "operationsPerSecond", 1, "ops/s")}", Minutes, "operations per second");
        throughput.Series.Add(Line("completed", 0, ChartSeries.Solid, samples, s => s.OperationsPerSecond));
        charts.Add(throughput);

        var handles = new LineChart("soak-handles", $"Open handles: {Slope(soak, SoakDetails.Handles, 1, "handles")}", Minutes, "file descriptors");
        handles.Series.Add(Line("/proc/self/fd", 0, ChartSeries.Solid, samples, s => s.OpenHandles));
        charts.Add(handles);

        var data = new LineChart("soak-data", $"Data files: {Slope(soak, SoakDetails.DataFiles, Mebibyte, "MiB")}", Minutes, "MiB");
        data.Series.Add(Line("database, -wal and -shm", 0, ChartSeries.Solid, samples, s => s.DataBytes / Mebibyte));
        data.Series.Add(Line("-wal", 2, ChartSeries.Dashed, samples, s => s.WalBytes / Mebibyte));
        charts.Add(data);

        var rows = soak.Trends.Select(t => new[]
        {
            t.Name, t.Unit, N(t.Samples), F(t.Mean), F(t.First), F(t.Last), F(t.SlopePerHour), Percent(t.SlopePerHourOfMean), F(t.SecondHalfSlopePerHour), Percent(t.SecondHalfSlopePerHourOfMean),
        });
        return "<h2>Soak</h2>\n<p class=\"muted\">One point per sample; each slope is a least-squares line through the samples that have the measure, over the whole run and over its second half (after the filling up at the start).</p>\n<div class=\"charts\">\n"
            + string.Concat(charts.Select(c => c.Render()))
            + "</div>\n"
            + HtmlReport.Table(["series", "unit", "samples", "mean", "first", "last", "slope per hour", "of the mean", "second half: slope per hour", "of its mean"], rows, "soak-trends");
    }

    private static ChartSeries Line(string name, int colour, string dash, IReadOnlyList<SoakSample> samples, Func<SoakSample, double?> value) =>
        new(name, colour, dash, [.. samples.Where(s => value(s) is not null).Select(s => (s.Second / 60, value(s)!.Value))]);

    private static string Slope(SoakDetails soak, string series, double scale, string unit) => soak.Trend(series) is { SlopePerHour: { } slope } trend
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"mean {trend.Mean / scale:0.###} {unit}, slope {slope / scale:+0.###;-0.###;0} {unit}/h ({Percent(trend.SlopePerHourOfMean)} of the mean per hour), second half {trend.SecondHalfSlopePerHour / scale:+0.###;-0.###;0} {unit}/h")
        : "no slope (fewer than two samples)";

    private static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";
}
