using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace RegionGrains.Sqlite.Clustering;

/// <summary>Lets a client find the gateways of a cluster from the SQLite membership table the silos write.</summary>
public sealed class SqliteGatewayListProvider(SqliteMembershipTable table, IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    private readonly TimeSpan _refreshPeriod = gatewayOptions.Value.GatewayListRefreshPeriod;

    /// <inheritdoc />
    public TimeSpan MaxStaleness => _refreshPeriod;

    /// <inheritdoc />
    public bool IsUpdatable => true;

    /// <inheritdoc />
    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    /// <inheritdoc />
    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) =>
        // A client may start before any silo: creating the version row lets it read an empty list instead of failing.
        table.InitializeMembershipTableAsync(tryInitTableVersion: true, cancellationToken);

    /// <inheritdoc />
    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    /// <inheritdoc />
    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        if (!table.IsInitialized)
        {
            await InitializeGatewayListProviderAsync(cancellationToken);
        }

        var data = await table.ReadAllAsync(cancellationToken);
        return data.Members
            .Select(member => member.Item1)
            .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort != 0)
            .Select(entry => SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }
}
