using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Sqlite.Clustering;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Clustering;

public sealed class SqliteGatewayListProviderTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AClientStartingBeforeAnySiloSeesNoGateways()
    {
        await using var table = MembershipTables.Create(_directory.Path, _clusterId);
        var provider = new SqliteGatewayListProvider(table, Options.Create(new GatewayOptions()));

        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);

        Assert.Empty(await provider.GetGatewaysAsync(CancellationToken.None));
        Assert.True(provider.IsUpdatable);
    }

    [Fact]
    public async Task OnlyActiveSilosWithAGatewayPortAreListed()
    {
        await using var silos = MembershipTables.Create(_directory.Path, _clusterId);
        await silos.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var active = MembershipTables.Entry(SiloStatus.Active);
        var joining = MembershipTables.Entry(SiloStatus.Joining);
        var dead = MembershipTables.Entry(SiloStatus.Dead);
        var activeWithoutGateway = MembershipTables.Entry(SiloStatus.Active);
        activeWithoutGateway.ProxyPort = 0;
        var version = 0;
        foreach (var entry in new[] { active, joining, dead, activeWithoutGateway })
        {
            Assert.True(await silos.InsertRowAsync(entry, new TableVersion(version + 1, version.ToString(CultureInfo.InvariantCulture)), CancellationToken.None));
            version++;
        }

        await using var clientTable = MembershipTables.Create(_directory.Path, _clusterId);
        var provider = new SqliteGatewayListProvider(clientTable, Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);
        var gateways = await provider.GetGatewaysAsync(CancellationToken.None);

        var expected = SiloAddress.New(active.SiloAddress.Endpoint.Address, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal([expected], gateways);
    }
}
