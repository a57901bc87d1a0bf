using RegionGrains.Cluster.Tests.Infrastructure;

namespace RegionGrains.Cluster.Tests;

/// <summary>The same failover checks on Redis: Orleans' Redis clustering for membership, Redis grain persistence for state.</summary>
[LongCollection]
public sealed class RedisFailoverTests(RedisClusterFixture fixture, ITestOutputHelper output) : IClassFixture<RedisClusterFixture>
{
    [RedisFact]
    public Task KillingTheFirstStartedSiloUnderLoadLosesNoAcknowledgedReservation() =>
        FailoverScenarios.KillSiloUnderLoadAsync(fixture.Cluster, output, "redis-first", silos => silos[0]);

    [RedisFact]
    public Task KillingAnotherSiloUnderLoadLosesNoAcknowledgedReservation() =>
        FailoverScenarios.KillSiloUnderLoadAsync(fixture.Cluster, output, "redis-other", silos => silos[^1]);

    [RedisFact]
    public Task KillingTheSiloRunningClaimsLeavesEveryClaimWholeOrAbsent() =>
        ClaimScenarios.KillDuringClaimsAsync(fixture.Cluster, output, "redis-claim-coordinator", ClaimScenarios.Victim.ClaimSilo);

    [RedisFact]
    public Task ColdRestartAfterKillingEveryProcessKeepsEveryState() =>
        FailoverScenarios.ColdRestartAsync(fixture.Cluster, output, "redis-cold");

    [RedisFact]
    public Task AScheduledChangeFiresByItselfWithinASecondOfItsTime() =>
        ScheduleScenarios.FiresOnTimeAsync(fixture.Cluster, output, "redis-sched");

    [RedisFact]
    public Task AScheduledChangeFiresAfterAColdRestartThatSpannedItsTime() =>
        ScheduleScenarios.FiresAfterAColdRestartSpanningItsTimeAsync(fixture.Cluster, output, "redis-sched-cold");
}
