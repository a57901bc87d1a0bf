using System.Runtime.InteropServices;

namespace RegionGrains.LoadTest;

/// <summary>Entry point of <c>regiongrains-loadtest</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl+C or SIGTERM stops the run: the silo, servers and clients it started close, and the process exits.
        // Without this the signal went to the hosts the run starts (each stops itself on it and keeps the process
        // alive), so a load tester asked to stop kept loading its target until its duration was up.
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        using var telemetry = Telemetry.RunTelemetry.StartFromEnvironment();
        try
        {
            var exitCode = await LoadTestApp.RunAsync(args, cancellationToken: stop.Token);
            return stop.IsCancellationRequested ? Stopped() : exitCode;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Stopped();
        }
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        // The first signal stops the run; later ones are left to whoever else handles them.
        if (!stop.IsCancellationRequested)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static int Stopped()
    {
        Console.Error.WriteLine("Stopped before the run finished (Ctrl+C or SIGTERM); no report was written.");
        return ExitCodes.Stopped;
    }
}
