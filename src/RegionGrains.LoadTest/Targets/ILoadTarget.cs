namespace RegionGrains.LoadTest.Targets;

/// <summary>Something the load driver sends operations to: the system under test or a baseline.</summary>
public interface ILoadTarget
{
    /// <summary>Short name for tables and reports, e.g. <c>region-grain</c> or <c>ping-grain</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Runs one operation on region <paramref name="key"/>. Returns null when it succeeded, or the name of an
    /// expected refusal (e.g. <c>InsufficientCapacity</c>); throws on faults.
    /// </summary>
    /// <param name="kind">What to do.</param>
    /// <param name="key">Index of the region in the run's set.</param>
    /// <param name="random">Only used by the calling thread for the duration of the call.</param>
    /// <param name="cancellationToken">Stops the run early.</param>
    ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken);
}
