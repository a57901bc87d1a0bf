namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>The cluster on Redis (Orleans' Redis clustering and grain storage), the server inside the database namespace.</summary>
public sealed class RedisClusterFixture : NetnsClusterFixture
{
    protected override string Provider => "redis";
}
