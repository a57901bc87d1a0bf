using RegionGrains.Cluster.Tests.Infrastructure;

namespace RegionGrains.Cluster.Tests;

/// <summary>
/// Scheduled changes on PostgreSQL: reminders through Orleans' ADO.NET reminder table (src/RegionGrains.PostgreSql/Sql),
/// on a cluster of real processes. The failover checks themselves run on PostgreSQL in the multi-host tests.
/// </summary>
public sealed class PostgreSqlClusterTests(PostgreSqlClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PostgreSqlClusterFixture>
{
    [PostgreSqlFact]
    public Task AScheduledChangeFiresByItselfWithinASecondOfItsTime() =>
        ScheduleScenarios.FiresOnTimeAsync(fixture.Cluster, output, "pg-sched");

    [PostgreSqlFact]
    public Task AScheduledChangeFiresAfterAColdRestartThatSpannedItsTime() =>
        ScheduleScenarios.FiresAfterAColdRestartSpanningItsTimeAsync(fixture.Cluster, output, "pg-sched-cold");
}
