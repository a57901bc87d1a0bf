namespace RegionGrains.LoadTest.Baselines;

/// <summary>Empty grain: no state, no storage, no work. Only the load tester's in-process silo hosts it.</summary>
internal sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
