namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Whether the process's Orleans client has connected to the cluster. Until it has, a grain call fails in ways that
/// say nothing about the cluster (the client has no gateway and no grain manifest yet); callers use this to answer
/// "unavailable" instead, or wait with <see cref="WaitAsync"/>. Registered in client mode only.
/// </summary>
public sealed class ClusterClientConnection
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _isConnected;

    /// <summary>True once the client's start has completed (it reached a gateway and read the cluster's manifest), until it stops.</summary>
    public bool IsConnected => _isConnected;

    /// <summary>Completes when the client has connected; the host starts without waiting for it.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _connected.Task.WaitAsync(cancellationToken);

    internal void MarkConnected()
    {
        _isConnected = true;
        _connected.TrySetResult();
    }

    internal void MarkStopped() => _isConnected = false;
}
