using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Starts the Orleans client in the background instead of inside the host's start. Orleans' own hosted client makes
/// the host wait until a silo answers, so a gateway started before the cluster would not even listen; here the host
/// (and the web server) start at once and answer 503 until the client is connected. With
/// <see cref="ClusterConnectionRetryFilter"/> the client's start retries until it connects or the host stops.
/// </summary>
internal sealed partial class ClusterClientStarter(
    IClusterClient client,
    ClusterClientConnection connection,
    ILogger<ClusterClientStarter> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;

    private IHostedService HostedClient => (IHostedService)client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(ConnectAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (connection.IsConnected)
        {
            connection.MarkStopped();
            await HostedClient.StopAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ConnectAsync()
    {
        try
        {
            await HostedClient.StartAsync(_stopping.Token);
            connection.MarkConnected();
            LogConnected();
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // The host stopped before any silo answered; the client has already cleaned up after its cancelled start.
        }
        catch (Exception exception)
        {
            // The retry filter retries every failure, so this is a fault in the client itself: every request will be a 503.
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the cluster")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Orleans client failed to start; requests will be answered 503")]
    private partial void LogFailed(Exception exception);
}
