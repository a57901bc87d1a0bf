namespace RegionGrains.LoadTest.Baselines;

/// <summary>The grain baseline: a call that does nothing, so its throughput is the runtime's own ceiling.</summary>
[Alias("RegionGrains.LoadTest.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Returns at once.</summary>
    [Alias("Ping")]
    Task PingAsync();
}
