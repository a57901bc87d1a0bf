namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>A fact that starts a Redis server of its own (<see cref="PrivateRedisServer"/>): skipped locally without redis-server, run (and failing) in CI.</summary>
public sealed class PrivateRedisFactAttribute : FactAttribute
{
    public PrivateRedisFactAttribute()
    {
        Skip = PrivateRedisServer.SkipReason;
    }
}
