namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// The points of a <c>grains</c> or <c>http</c> run where an agent hands over to its coordinator: before the first
/// phase (wait for the common start instant), after the last (send the measurements, wait until every agent has
/// stopped loading before checking invariants), and the finished report. A run on its own goes straight on.
/// </summary>
public interface IRunHooks
{
    /// <summary>Everything is prepared (regions created, clients connected); returns when the load may start.</summary>
    Task LoadReadyAsync(CancellationToken cancellationToken);

    /// <summary>The load has stopped; returns when the invariants may be checked.</summary>
    Task LoadFinishedAsync(PhaseStats scenario, PhaseStats? baseline, CancellationToken cancellationToken);

    /// <summary>The run's report, complete.</summary>
    void Finished(RunReport report);
}

/// <summary>A run on its own: nobody to wait for.</summary>
public sealed class StandaloneRun : IRunHooks
{
    public static StandaloneRun Instance { get; } = new();

    public Task LoadReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task LoadFinishedAsync(PhaseStats scenario, PhaseStats? baseline, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Finished(RunReport report)
    {
    }
}
