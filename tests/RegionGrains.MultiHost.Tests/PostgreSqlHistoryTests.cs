using RegionGrains.MultiHost.Tests.Infrastructure;

namespace RegionGrains.MultiHost.Tests;

/// <summary>The recorded histories under faults on the PostgreSQL cluster (shared with <see cref="PostgreSqlFailoverTests"/>).</summary>
[Collection(PostgreSqlCluster.Name)]
public sealed class PostgreSqlHistoryTests(PostgreSqlClusterFixture fixture, ITestOutputHelper output) : HistoryUnderFaultsTests(fixture, output)
{
    protected override bool ShortPartitionIsOneWay => false;

    protected override string Store => "postgres";
}
