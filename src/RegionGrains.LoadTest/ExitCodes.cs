namespace RegionGrains.LoadTest;

/// <summary>What the load tester's exit code says; docs/load-testing.md lists the same.</summary>
public static class ExitCodes
{
    /// <summary>The run finished, its invariants held and every <c>--threshold</c> passed.</summary>
    public const int Passed = 0;

    /// <summary>
    /// The run finished and found a fault: an invariant failed (seed: the footprint did not count every region in
    /// time). It wins over <see cref="ThresholdFailed"/>: a wrong answer matters more than a slow one.
    /// </summary>
    public const int Failed = 1;

    /// <summary>
    /// The target did not answer before any load ran (the gateway of <c>http</c>, the body of <c>baseline-server</c>), or
    /// an agent of <c>--agents</c> did not (or runs another build).
    /// </summary>
    public const int TargetUnavailable = 2;

    /// <summary>The run finished with its invariants held, but a <c>--threshold</c> failed or did not apply to it.</summary>
    public const int ThresholdFailed = 3;

    /// <summary><c>compare</c>: a metric regressed by more than <c>--max-regression</c>, beyond both runs' spread between rounds.</summary>
    public const int Regression = 4;

    /// <summary>The command line was refused (unknown command or option, bad value) before anything ran; EX_USAGE of sysexits.h.</summary>
    public const int UsageError = 64;

    /// <summary>An unexpected fault ended the run, or an agent dropped out of it; the message says which (the command line library's -1).</summary>
    public const int Fault = 255;

    /// <summary>A run stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Stopped = 130;

    /// <summary>Each code and what it says, as the help lists them.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Meanings { get; } =
    [
        (Passed, "the run finished, its invariants held and every threshold passed"),
        (Failed, "an invariant failed (seed: the footprint did not count every region)"),
        (TargetUnavailable, "the target or an agent did not answer (or runs another build), before any load ran"),
        (ThresholdFailed, "a threshold failed or did not apply, the invariants having held"),
        (Regression, "compare: a metric regressed past --max-regression, beyond the runs' own spread"),
        (UsageError, "the command line was refused, before anything ran"),
        (Stopped, "stopped by Ctrl+C or SIGTERM; no report is written"),
        (Fault, "an unexpected fault, or an agent dropped out of the run; the message says which"),
    ];
}
