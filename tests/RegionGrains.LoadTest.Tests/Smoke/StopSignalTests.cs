using System.Diagnostics;

namespace RegionGrains.LoadTest.Tests.Smoke;

/// <summary>
/// Ctrl+C and SIGTERM stop a run: the load tester is a real process here, because the signal goes to the process.
/// Before, the hosts a run starts (the in-process silo) took the signal for themselves and the load went on until
/// the run's duration was up.
/// </summary>
[Collection(SmokeCollection.Name)]
public sealed class StopSignalTests
{
    [PosixSignalTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task ASignalStopsARunAndTheProcessExitsSayingSo(string signal)
    {
        // Through env(1), which resets SIGINT to its default before it execs dotnet (same process id): a test run
        // started in the background by a script inherits SIGINT ignored, and .NET leaves an ignored signal ignored.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "RegionGrains.LoadTest.dll"), "grains", "--regions", "10", "--concurrency", "4", "--duration", "300s", "--warmup", "0s", "--rounds", "1", "--storage", "memory", "--no-live" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("region-grain 1/1", StringComparison.Ordinal) == true)
            {
                running.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(120));
            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            // A run of 300 s: ending well within it means the signal stopped it.
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(130, process.ExitCode);
        lock (stderr)
        {
            Assert.Contains("Stopped before the run finished", stderr.ToString(), StringComparison.Ordinal);
        }
    }
}

/// <summary>A theory that sends POSIX signals with kill(1) through GNU env(1): skipped, with the reason, on Windows.</summary>
public sealed class PosixSignalTheoryAttribute : TheoryAttribute
{
    public PosixSignalTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Sends POSIX signals with kill(1) and GNU env --default-signal, which only Linux has here. CI runs on Linux, so it never skips there.";
        }
    }
}
