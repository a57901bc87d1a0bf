using RegionGrains.Cluster.Tests.Infrastructure;

namespace RegionGrains.Cluster.Tests;

/// <summary>A cluster of 3 silo processes and a gateway in client mode on the embedded SQLite store.</summary>
[LongCollection]
public sealed class SqliteFailoverTests(SqliteClusterFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteClusterFixture>
{
    [Fact]
    public Task KillingTheFirstStartedSiloUnderLoadLosesNoAcknowledgedReservation() =>
        FailoverScenarios.KillSiloUnderLoadAsync(fixture.Cluster, output, "sqlite-first", silos => silos[0]);

    [Fact]
    public Task KillingAnotherSiloUnderLoadLosesNoAcknowledgedReservation() =>
        FailoverScenarios.KillSiloUnderLoadAsync(fixture.Cluster, output, "sqlite-other", silos => silos[^1]);

    [Fact]
    public Task KillingEveryProcessDuringABurstKeepsEveryAcknowledgedReservationAndNoRefusedOne() =>
        FailoverScenarios.KillEveryProcessDuringABurstAsync(fixture.Cluster, output, "sqlite-burst");

    [Fact]
    public Task KillingTheSiloRunningClaimsLeavesEveryClaimWholeOrAbsent() =>
        ClaimScenarios.KillDuringClaimsAsync(fixture.Cluster, output, "sqlite-claim-coordinator", ClaimScenarios.Victim.ClaimSilo);

    [Fact]
    public Task KillingTheSiloOfARegionInAClaimLeavesEveryClaimWholeOrAbsent() =>
        ClaimScenarios.KillDuringClaimsAsync(fixture.Cluster, output, "sqlite-claim-region", ClaimScenarios.Victim.RegionSilo);

    [Fact]
    public Task KillingTheGatewayDuringClaimsLeavesEveryClaimWholeOrAbsent() =>
        ClaimScenarios.KillDuringClaimsAsync(fixture.Cluster, output, "sqlite-claim-gateway", ClaimScenarios.Victim.Gateway);

    [Fact]
    public Task ColdRestartAfterKillingEveryProcessKeepsEveryState() =>
        FailoverScenarios.ColdRestartAsync(fixture.Cluster, output, "sqlite-cold");

    [Fact]
    public Task KillingASiloLosesNoEventOfARegionStreamResumedWithLastEventId() =>
        EventStreamScenarios.KillSiloWhileFollowingAsync(fixture.Cluster, output, "sqlite-events");

    [Fact]
    public Task KillingTheSiloHostingAWaitlistLosesNoWaiterAndGrantsNoneTwice() =>
        WaitlistScenarios.KillSiloHostingAWaitlistAsync(fixture.Cluster, output, "sqlite-waitlist");

    [Fact]
    public Task KillingTheSiloDeliveringWebhooksWhileTheReceiverIsDownDeliversEveryEvent() =>
        WebhookScenarios.KillDeliveringSiloWhileReceiverIsDownAsync(fixture.Cluster, output, "sqlite-webhooks");

    [Fact]
    public Task AScheduledChangeFiresByItselfWithinASecondOfItsTime() =>
        ScheduleScenarios.FiresOnTimeAsync(fixture.Cluster, output, "sqlite-sched");

    [Fact]
    public Task AScheduledChangeFiresAfterAColdRestartThatSpannedItsTime() =>
        ScheduleScenarios.FiresAfterAColdRestartSpanningItsTimeAsync(fixture.Cluster, output, "sqlite-sched-cold");
}
