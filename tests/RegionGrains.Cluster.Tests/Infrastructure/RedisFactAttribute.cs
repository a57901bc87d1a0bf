namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>A fact that needs the Redis server of <see cref="RedisServer"/>: skipped locally when none answers, run (and failing) in CI.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.SkipReason is { } reason)
        {
            // RedisServer.SkipReason is null in CI (CI=true), so CI never skips: there the test runs, and fails if what it needs is missing.
            Skip = reason;
        }
    }
}
