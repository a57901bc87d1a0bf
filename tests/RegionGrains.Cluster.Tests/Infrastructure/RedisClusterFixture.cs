namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>The cluster on Redis, through Orleans' official Redis clustering and persistence providers.</summary>
public sealed class RedisClusterFixture : ProcessClusterFixture
{
    protected override ClusterStore Store => ClusterStore.Redis;

    protected override bool ShouldStart
    {
        get
        {
            if (RedisServer.SkipReason is not null)
            {
                return false;
            }

            RedisServer.EnsureAnswers();
            return true;
        }
    }
}
