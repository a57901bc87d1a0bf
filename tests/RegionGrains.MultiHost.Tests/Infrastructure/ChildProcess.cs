using System.Diagnostics;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>Processes the tests start (cluster.sh, the load tester): output captured, and none of the runner's own RegionGrains settings.</summary>
internal static class ChildProcess
{
    /// <summary>How to start <paramref name="file"/> with <paramref name="arguments"/>, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from the test runner's own RegionGrains settings may leak into the cluster or client under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RegionGrains__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    /// <summary>Runs it to its end and returns its exit code and output; a null exit code when it did not end within <paramref name="timeout"/> (it is then killed).</summary>
    public static async Task<(int? ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (null, await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
