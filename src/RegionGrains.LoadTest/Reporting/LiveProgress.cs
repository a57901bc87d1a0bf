using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>
/// Shows ops/s, errors and p99 once a second while a phase runs: a live table on an interactive terminal,
/// one plain line per second otherwise (CI logs, redirected output, tests).
/// </summary>
public sealed class LiveProgress(IAnsiConsole console, bool interactive)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public async Task<T> TrackAsync<T>(string phase, PhaseStats stats, Func<Task<T>> work)
    {
        if (!interactive)
        {
            return await TrackLinesAsync(phase, stats, work);
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("phase", "elapsed", "ops/s", "ops", "errors", "p99 ms");
        table.AddRow(phase, "0s", "-", "0", "0", "-");
        T result = default!;
        await console.Live(table).AutoClear(false).StartAsync(async context =>
        {
            var running = work();
            await Sample(stats, running, (elapsed, rate, p99) =>
            {
                table.UpdateCell(0, 1, Fmt(elapsed.TotalSeconds, "0") + "s");
                table.UpdateCell(0, 2, Fmt(rate, "N0"));
                table.UpdateCell(0, 3, Fmt(stats.Operations, "N0"));
                table.UpdateCell(0, 4, Fmt(stats.Errors.Total, "N0"));
                table.UpdateCell(0, 5, Fmt(p99, "0.00"));
                context.Refresh();
            });
            result = await running;
        });
        return result;
    }

    private async Task<T> TrackLinesAsync<T>(string phase, PhaseStats stats, Func<Task<T>> work)
    {
        var running = work();
        await Sample(stats, running, (elapsed, rate, p99) => console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{phase,-24} {elapsed.TotalSeconds,4:0}s {rate,8:N0}/s {stats.Operations,10:N0} ops {stats.Errors.Total,4:N0} err p99 {p99,7:0.00}ms")));
        return await running;
    }

    private static async Task Sample(PhaseStats stats, Task running, Action<TimeSpan, double, double> show)
    {
        var started = Stopwatch.GetTimestamp();
        var startOperations = stats.Operations;
        var lastOperations = startOperations;
        var lastTime = started;
        while (await Task.WhenAny(running, Task.Delay(Tick)) != running)
        {
            var now = Stopwatch.GetTimestamp();
            var operations = stats.Operations;
            var seconds = Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds;
            var rate = seconds > 0 ? (operations - lastOperations) / seconds : 0;
            show(Stopwatch.GetElapsedTime(started, now), rate, LatencySummary.P99Of(stats.Latency.TakeInterval()));
            lastOperations = operations;
            lastTime = now;
        }

        // One closing sample per phase, with the phase's average rate, so short phases show up too.
        var total = Stopwatch.GetElapsedTime(started);
        show(total, total.TotalSeconds > 0 ? (stats.Operations - startOperations) / total.TotalSeconds : 0, LatencySummary.P99Of(stats.Latency.TakeInterval()));
    }

    private static string Fmt(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
