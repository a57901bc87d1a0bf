namespace RegionGrains.LoadTest;

/// <summary>What the load tester's exit code says.</summary>
public static class ExitCodes
{
    /// <summary>The run finished and its invariants held.</summary>
    public const int Passed = 0;

    /// <summary>
    /// The run finished and found a fault: an invariant failed (seed: the footprint did not count every region in
    /// time; micro: BenchmarkDotNet refused a benchmark).
    /// </summary>
    public const int Failed = 1;

    /// <summary>The target did not answer before any load ran (the gateway of <c>http</c>, the body of <c>baseline-server</c>).</summary>
    public const int TargetUnavailable = 2;

    /// <summary>The command line was refused (unknown command or option, bad value) before anything ran; EX_USAGE of sysexits.h.</summary>
    public const int UsageError = 64;

    /// <summary>An unexpected fault ended the run; the message says which (the command line library's -1).</summary>
    public const int Fault = 255;

    /// <summary>A run stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Stopped = 130;
}
