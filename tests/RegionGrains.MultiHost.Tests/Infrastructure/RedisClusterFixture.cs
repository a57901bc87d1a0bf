namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>The cluster on Redis (Orleans' Redis clustering and grain storage), the server inside the database namespace.</summary>
public sealed class RedisClusterFixture : NetnsClusterFixture
{
    protected override string Provider => "redis";
}

/// <summary>The test classes that share the Redis cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCluster : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
