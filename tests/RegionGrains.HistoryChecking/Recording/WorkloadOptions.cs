namespace RegionGrains.HistoryChecking.Recording;

/// <summary>The recorder's random workload on a few hot regions.</summary>
public sealed record WorkloadOptions
{
    /// <summary>The one pool every hot region has.</summary>
    public const string Resource = "racks";

    public int Clients { get; init; } = 6;

    /// <summary>The pool's total when a region is set up; capacity changes pick totals around it.</summary>
    public long Total { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>The period of a client's operations (at most one a period), so that a few clients cannot saturate two cores.</summary>
    public TimeSpan Pacing { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The period after an operation that got no answer.</summary>
    public TimeSpan PacingAfterFailure { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request may take before its outcome is recorded as unknown.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
