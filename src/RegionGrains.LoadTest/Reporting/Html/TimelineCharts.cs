using System.Globalization;

namespace RegionGrains.LoadTest.Reporting.Html;

/// <summary>
/// The charts of a report: over time (throughput and latency of each kind, CPU and GC; the scenario solid, its
/// baseline dashed, on the same axis of measured seconds) and the latency distribution of both sides.
/// </summary>
public static class TimelineCharts
{
    private static readonly (string Name, int Colour, Func<IntervalLatency, double> Value)[] Percentiles =
    [
        ("p50", 0, l => l.P50), ("p90", 2, l => l.P90), ("p99", 1, l => l.P99), ("max", 3, l => l.Max),
    ];

    public static IEnumerable<string> OverTime(RunReport report, TimelineReport timeline)
    {
        var scenario = Side.Scenario(report, timeline.Scenario);
        var baseline = timeline.Baseline is { Count: > 0 } b ? Side.Baseline(report, b) : null;
        var sides = baseline is null ? new[] { scenario } : [scenario, baseline];
        const string Seconds = "measured seconds";

        var all = new LineChart("throughput", $"Throughput, all operations: {Figures(sides, s => s.Points.Sum(p => p.Operations) / Math.Max(s.Points.Sum(p => p.Seconds), 1e-9), "N0", "/s mean")}", Seconds, "operations per second");
        all.Series.AddRange(sides.Select((s, i) => new ChartSeries(s.Name, i, s.Dash, [.. s.Points.Select(p => (p.Second, p.OperationsPerSecond))])));
        yield return all.Render();

        var kinds = timeline.Scenario.SelectMany(p => p.ByOperation.Keys).Distinct().ToList();
        foreach (var kind in kinds)
        {
            var rate = new LineChart($"throughput-{kind}", $"Throughput, {kind}: {Figures(sides, s => s.Points.Sum(p => p.ByOperation.GetValueOrDefault(kind)?.Count ?? 0) / Math.Max(s.Points.Sum(p => p.Seconds), 1e-9), "N0", "/s mean")}", Seconds, $"{kind} per second");
            rate.Series.AddRange(sides.Select((s, i) => new ChartSeries(s.Name, i, s.Dash, [.. s.Points.Select(p => (p.Second, p.ByOperation.GetValueOrDefault(kind)?.PerSecond ?? 0))])));
            yield return rate.Render();

            var whole = report.LatencyByOperationMs?.GetValueOrDefault(kind);
            var latency = new LineChart($"latency-{kind}", $"Latency, {kind}, per second: p50 {F(whole?.P50)} ms, p99 {F(whole?.P99)} ms, max {F(whole?.Max)} ms over the run", Seconds, "milliseconds (log scale)") { LogY = true };
            foreach (var side in sides)
            {
                latency.Series.AddRange(Percentiles.Select(p => new ChartSeries(
                    $"{side.Name} {p.Name}", p.Colour, side.Dash, [.. side.Points.Select(point => (point.Second, point.ByOperation.GetValueOrDefault(kind) is { } l ? p.Value(l) : 0))])));
            }

            yield return latency.Render();
        }

        var cpu = new LineChart("cpu", $"CPU of the load tester's process: {Figures(sides, s => Mean(s.Points, p => p.CpuCores), "0.00", " cores mean")}", Seconds, "cores busy");
        foreach (var (side, i) in sides.Select((s, i) => (s, i)))
        {
            cpu.Series.Add(new ChartSeries($"{side.Name}, process", i, side.Dash, [.. side.Points.Select(p => (p.Second, p.CpuCores))]));
            cpu.Series.Add(new ChartSeries($"{side.Name}, whole machine", i + 2, i == 0 ? ChartSeries.Dotted : ChartSeries.DashDot, [.. side.Points.Select(p => (p.Second, p.MachineCpuCores))]));
        }

        yield return cpu.Render();

        var gc = new LineChart("gc", $"Garbage collections per second: {Figures(sides, s => s.Points.Sum(p => p.Gen0 + p.Gen1 + p.Gen2), "N0", " in all")}", Seconds, "collections");
        var pause = new LineChart("gc-pause", $"GC pause per second: {Figures(sides, s => s.Points.Sum(p => p.GcPauseMs), "N1", " ms in all")}", Seconds, "milliseconds paused");
        foreach (var side in sides)
        {
            gc.Series.Add(new ChartSeries($"{side.Name} gen0", 0, side.Dash, [.. side.Points.Select(p => (p.Second, (double)p.Gen0))]));
            gc.Series.Add(new ChartSeries($"{side.Name} gen1", 2, side.Dash, [.. side.Points.Select(p => (p.Second, (double)p.Gen1))]));
            gc.Series.Add(new ChartSeries($"{side.Name} gen2", 1, side.Dash, [.. side.Points.Select(p => (p.Second, (double)p.Gen2))]));
            pause.Series.Add(new ChartSeries(side.Name, side == scenario ? 0 : 1, side.Dash, [.. side.Points.Select(p => (p.Second, p.GcPauseMs))]));
        }

        yield return gc.Render();
        yield return pause.Render();
    }

    /// <summary>HdrHistogram's percentile plot of both sides' whole runs.</summary>
    public static string Distribution(RunReport report, DistributionReport distribution)
    {
        var title = $"Latency by percentile: {report.Scenario} p50 {F(report.LatencyMs.P50)} ms, p99 {F(report.LatencyMs.P99)} ms, p99.9 {F(report.LatencyMs.P999)} ms, max {F(report.LatencyMs.Max)} ms";
        var chart = new LineChart("distribution", title, "percentile", "milliseconds") { PercentileX = true };
        chart.Series.Add(new ChartSeries("scenario", 0, ChartSeries.Solid, [.. distribution.Scenario.Select(p => (p.Percentile, p.Ms))]));
        if (distribution.Baseline is { Count: > 0 } baseline)
        {
            chart.Series.Add(new ChartSeries($"baseline ({report.Baseline?.Name})", 1, ChartSeries.Dashed, [.. baseline.Select(p => (p.Percentile, p.Ms))]));
        }

        return chart.Render();
    }

    private static string Figures(IEnumerable<Side> sides, Func<Side, double> figure, string format, string unit) =>
        string.Join(", ", sides.Select(s => $"{s.Name} {figure(s).ToString(format, CultureInfo.InvariantCulture)}{unit}"));

    private static double Mean(IReadOnlyList<TimelinePoint> points, Func<TimelinePoint, double> value) =>
        points.Count == 0 ? 0 : points.Sum(p => value(p) * p.Seconds) / Math.Max(points.Sum(p => p.Seconds), 1e-9);

    private static string F(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>One side of the run as the charts draw it.</summary>
    private sealed record Side(string Name, string Dash, IReadOnlyList<TimelinePoint> Points)
    {
        public static Side Scenario(RunReport report, IReadOnlyList<TimelinePoint> points) => new($"scenario ({report.Scenario})", ChartSeries.Solid, points);

        public static Side Baseline(RunReport report, IReadOnlyList<TimelinePoint> points) => new($"baseline ({report.Baseline?.Name})", ChartSeries.Dashed, points);
    }
}
