using System.Diagnostics;
using System.Runtime.ExceptionServices;
using RegionGrains.HistoryChecking.Checking;

namespace RegionGrains.HistoryChecking.Recording;

/// <summary>
/// One recorded run under a fault schedule: the clients run from the start until the schedule ends, the audit reads
/// back what the cluster holds once it serves again, and the checker must find no violation and decide every region.
/// A schedule that fails midway still leaves its history (kept as an artifact, with the fault timeline) before the
/// failure is rethrown: it is the evidence of what the cluster did.
/// </summary>
public static class ScheduledRecording
{
    /// <param name="recorder">A recorder whose regions are set up.</param>
    /// <param name="name">The run's name, the start of its artifact's file name.</param>
    /// <param name="loadBeforeFaults">How long the clients run before <paramref name="schedule"/> starts.</param>
    /// <param name="schedule">The faults; the clients stop when it returns.</param>
    /// <param name="untilServing">Waits until the cluster serves again, before the audit.</param>
    /// <param name="log">The test's output.</param>
    public static async Task<HistoryReport> RunAsync(
        HistoryRecorder recorder, string name, TimeSpan loadBeforeFaults, Func<Task> schedule, Func<Task> untilServing, Action<string> log)
    {
        var run = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loadFrom = recorder.Now;
        var load = recorder.RunAsync(stop.Token);
        Exception? failure = null;
        try
        {
            await recorder.WhenAsync(r => r.Now > loadFrom + (long)loadBeforeFaults.TotalMicroseconds, $"{loadBeforeFaults.TotalSeconds} s of load before the faults");
            await schedule();
        }
        catch (Exception exception)
        {
            failure = exception;
            recorder.Fault($"schedule failed: {exception.Message.Split('\n')[0]}");
        }

        await stop.CancelAsync();
        await load;
        recorder.Fault("clients stopped");
        if (failure is not null)
        {
            CheckRun.CheckAndReport(recorder.Build(), $"{name}-incomplete", log, keepAlways: true);
            ExceptionDispatchInfo.Throw(failure);
        }

        await untilServing();
        await recorder.AuditAsync();
        var history = recorder.Build();
        log($"{name}: {history.Ops.Count} ops recorded in {run.Elapsed.TotalSeconds:0.0} s");
        var report = CheckRun.CheckAndReport(history, name, log);
        Assert.False(report.HasViolation, report.Describe());
        Assert.False(report.HasUnknown, "The checker could not decide within its budget:\n" + report.Describe());
        return report;
    }
}
