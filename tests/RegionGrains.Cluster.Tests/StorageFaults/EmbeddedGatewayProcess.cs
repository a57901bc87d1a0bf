using System.Globalization;

namespace RegionGrains.Cluster.Tests.StorageFaults;

/// <summary>
/// The gateway in its embedded default (a co-hosted silo on SQLite) as a process of its own, on a given data directory:
/// the cheapest real setup whose disk a test can break. It keeps its address across restarts.
/// </summary>
public sealed class EmbeddedGatewayProcess : IFailoverCluster, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> _environment;
    private readonly string _logDirectory;
    private ClusterProcess? _process;

    public EmbeddedGatewayProcess(string dataDirectory, string logDirectory)
    {
        _logDirectory = logDirectory;
        _environment = LocalCluster.ProcessEnvironment(ClusterStore.Sqlite, dataDirectory, $"disk-{Guid.NewGuid():N}"[..20]);
        Address = FreeTcpPort.NewLoopbackHttpAddress();
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public ClusterProcess Process => _process ?? throw new InvalidOperationException("The gateway was not started.");

    /// <summary>Starts the process without waiting for it.</summary>
    public ClusterProcess Launch()
    {
        _process?.Dispose();
        _process = ClusterProcess.Start("gateway", LocalCluster.GatewayAssembly, Address, _environment, _logDirectory);
        return _process;
    }

    /// <summary>Starts the process and waits until it serves a catalog region.</summary>
    public async Task StartAsync()
    {
        Launch();
        var started = Process.WaitForLineAsync(LocalCluster.HostStarted);
        await Task.WhenAny(started, Process.WhenExitedAsync()).WaitAsync(StartTimeout);
        if (!started.IsCompleted)
        {
            Assert.Fail($"The gateway exited while starting.\n{Diagnostics()}");
        }

        using var response = await Http.GetRetryingUnavailableAsync("/api/regions/br-sao-paulo", StartTimeout);
        Assert.True(response.IsSuccessStatusCode, $"The gateway did not serve a catalog region within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s: {(int)response.StatusCode}\n{Diagnostics()}");
    }

    /// <summary>
    /// Starts the process expecting it to refuse: it must exit with code 1 and print <paramref name="line"/>, which is
    /// what an operator reads.
    /// </summary>
    public async Task AssertRefusesToStartAsync(string line)
    {
        var process = Launch();
        var exitCode = await process.WaitForExitAsync(StartTimeout);
        Assert.True(exitCode == 1, $"The gateway exited with {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing (still running)"}, not 1.\n{Diagnostics()}");
        Assert.True(process.WaitForLineAsync(line).IsCompleted, $"The gateway did not print \"{line}\".\n{Diagnostics()}");
    }

    /// <summary>The status <c>/health/ready</c> answers.</summary>
    public async Task<int> ReadinessAsync()
    {
        using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (int)response.StatusCode;
    }

    public string Diagnostics() => _process?.Tail(60) ?? "(the gateway was not started)";

    /// <summary><c>kill -9</c> of the process.</summary>
    public void KillAll() => _process?.Kill();

    /// <summary>Starts the process again on the same data directory and address.</summary>
    public Task RestartAsync() => StartAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is { } process)
        {
            process.Kill();
            await process.WhenExitedAsync().WaitAsync(StartTimeout);
            process.Dispose();
        }
    }
}
