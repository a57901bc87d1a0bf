using RegionGrains.MultiHost.Tests.Infrastructure;

namespace RegionGrains.MultiHost.Tests;

/// <summary>The recorded histories under faults on the Redis cluster (shared with <see cref="RedisRollingRestartTests"/>).</summary>
[Collection(RedisCluster.Name)]
public sealed class RedisHistoryTests(RedisClusterFixture fixture, ITestOutputHelper output) : HistoryUnderFaultsTests(fixture, output)
{
    protected override bool ShortPartitionIsOneWay => true;

    protected override string Store => "redis";
}
