using System.Globalization;
using System.Reflection;

namespace RegionGrains.Testing;

/// <summary>
/// Silos and a gateway in client mode as separate processes on this machine, built from the solution's own
/// executables, with their own data directory (SQLite) or their own cluster and service ids (Redis, PostgreSQL).
/// </summary>
public sealed class LocalCluster : IFailoverCluster, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>What ASP.NET Core's host prints once every hosted service started: for a silo, once it is Active in the cluster.</summary>
    public const string HostStarted = "Application started";

    /// <summary>What the gateway in client mode prints once its Orleans client reached the cluster (ClusterClientStarter).</summary>
    private const string ClientConnected = "Connected to the cluster";
    private readonly List<ClusterProcess> _silos = [];
    private readonly string _root;
    private readonly ClusterStore _store;
    private readonly string? _redis;
    private readonly string _clusterId;
    private readonly List<ClusterProcess> _extraGateways = [];
    private ClusterProcess? _gateway;
    private int _siloCount;

    public LocalCluster(ClusterStore store, string? redisConnectionString = null)
    {
        _store = store;
        _redis = redisConnectionString;
        _clusterId = $"failover-{Guid.NewGuid():N}"[..24];
        _root = Path.Combine(Path.GetTempPath(), "regiongrains-cluster-tests", _clusterId);
        Directory.CreateDirectory(_root);
        GatewayAddress = FreeTcpPort.NewLoopbackHttpAddress();
        Http = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The gateway's address; it stays the same when the gateway restarts.</summary>
    public Uri GatewayAddress { get; }

    /// <summary>The data directory every process of the cluster shares (the SQLite file lives there).</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>A client of the gateway's API.</summary>
    public HttpClient Http { get; }

    public ClusterStore Store => _store;

    /// <summary>Silos still running, oldest first.</summary>
    public IReadOnlyList<ClusterProcess> LiveSilos => _silos.Where(s => !s.HasExited).ToList();

    /// <summary>The silo executable the tests start.</summary>
    public static string SiloAssembly => Metadata("SiloAssembly");

    /// <summary>The gateway executable the tests start.</summary>
    public static string GatewayAssembly => Metadata("GatewayAssembly");

    /// <summary>The gateway executable the cluster runs; its catalog file sits beside it.</summary>
    public static string GatewayAssemblyPath => GatewayAssembly;

    /// <summary>Starts the first silo and waits until it is active, then two more, then the gateway.</summary>
    public async Task StartAsync()
    {
        await StartSiloAsync();
        await Task.WhenAll(StartSiloAsync(), StartSiloAsync());
        await StartGatewayAsync();
        await WaitUntilServingAsync();
    }

    /// <summary>Starts 3 silos and the gateway all at once, as after a power cut, and waits until the gateway serves.</summary>
    public async Task RestartAsync()
    {
        var gateway = StartGatewayProcess();
        await Task.WhenAll(StartSiloAsync(), StartSiloAsync(), StartSiloAsync());
        await WaitReadyAsync(gateway, ClientConnected);
        await WaitUntilServingAsync();
    }

    /// <summary>Settings every process of this cluster gets on top of the common ones (e.g. the cluster's TLS certificate).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Starts one more silo and waits until it reports itself active.</summary>
    public async Task<ClusterProcess> StartSiloAsync()
    {
        var silo = StartSiloProcess();
        await WaitReadyAsync(silo, HostStarted);
        return silo;
    }

    /// <summary>Starts one more silo without waiting for it, with settings of its own over the cluster's.</summary>
    public ClusterProcess StartSiloProcess(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var name = $"silo-{Interlocked.Increment(ref _siloCount)}";
        var environment = CommonEnvironment();
        environment["RegionGrains__SiloName"] = name;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var silo = ClusterProcess.Start(name, SiloAssembly, FreeTcpPort.NewLoopbackHttpAddress(), environment, _root);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Starts the gateway in client mode without waiting for it.</summary>
    public ClusterProcess StartGatewayProcess()
    {
        if (_gateway is { HasExited: false })
        {
            throw new InvalidOperationException("The gateway is already running.");
        }

        _gateway?.Dispose();
        var environment = CommonEnvironment();
        environment["RegionGrains__Gateway__Mode"] = "Client";
        _gateway = ClusterProcess.Start("gateway", GatewayAssembly, GatewayAddress, environment, _root);
        return _gateway;
    }

    /// <summary>Starts the gateway in client mode and waits until it reaches the cluster.</summary>
    public async Task StartGatewayAsync()
    {
        await WaitReadyAsync(StartGatewayProcess(), ClientConnected);
    }

    /// <summary>Waits until <paramref name="process"/> says its host started (for a gateway: it listens, connected or not).</summary>
    public async Task WaitStartedAsync(ClusterProcess process)
    {
        await WaitForLineAsync(process, HostStarted);
    }

    /// <summary>Stops the gateway as an orchestrator would (SIGTERM), starts it again on the same address and waits until it serves.</summary>
    public async Task RestartGatewayAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync(TimeSpan.FromSeconds(10));
        }

        await StartGatewayAsync();
        await WaitUntilServingAsync();
    }

    /// <summary>
    /// Waits until the gateway answers a region read, i.e. the whole path gateway → silo → storage works: once its
    /// client says it reached the cluster, one read, retried while it answers 503 as its <c>Retry-After</c> asks.
    /// </summary>
    public async Task WaitUntilServingAsync()
    {
        if (_gateway is { } gateway)
        {
            await WaitForLineAsync(gateway, ClientConnected);
        }

        using var response = await Http.GetRetryingUnavailableAsync("/api/regions/br-sao-paulo", StartTimeout);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.Fail($"The gateway did not serve a catalog region within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{Diagnostics()}");
        }
    }

    /// <summary>
    /// Starts one more gateway in client mode, named <paramref name="name"/>, on <paramref name="address"/> (a free one
    /// unless given, e.g. the address of one that was killed) and waits until it serves. It is stopped with the cluster.
    /// </summary>
    public async Task<ClusterProcess> StartExtraGatewayAsync(string name, Uri? address = null)
    {
        var environment = CommonEnvironment();
        environment["RegionGrains__Gateway__Mode"] = "Client";
        var gateway = ClusterProcess.Start(name, GatewayAssembly, address ?? FreeTcpPort.NewLoopbackHttpAddress(), environment, _root);
        lock (_extraGateways)
        {
            _extraGateways.Add(gateway);
        }

        await WaitReadyAsync(gateway, ClientConnected);
        return gateway;
    }

    /// <summary><c>kill -9</c> of the gateway alone.</summary>
    public void KillGateway() => _gateway?.Kill();

    /// <summary><c>kill -9</c> every process at once, as a power cut would.</summary>
    public void KillAll()
    {
        _gateway?.Kill();
        foreach (var silo in LiveSilos)
        {
            silo.Kill();
        }
    }

    /// <summary>The recent console output of every process, for failure messages.</summary>
    public string Diagnostics()
    {
        var processes = _silos.Concat(_extraGateways).Concat(_gateway is null ? [] : [_gateway]);
        return string.Join("\n", processes.Select(p => p.Tail()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        var processes = _silos.Concat(_extraGateways).Concat(_gateway is null ? [] : [_gateway]).ToList();
        foreach (var process in processes.Where(p => !p.HasExited))
        {
            process.Kill();
        }

        // SQLite's files are free once every process that held them is gone: wait for the exits, then delete once.
        await Task.WhenAll(processes.Select(p => p.WhenExitedAsync())).WaitAsync(StartTimeout);
        foreach (var process in processes)
        {
            process.Dispose();
        }

        if (_store == ClusterStore.Redis)
        {
            RedisServer.DeleteKeys($"{_clusterId}/");
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// The settings of one process of a cluster under test: production environment, the store, the data directory,
    /// the cluster's ids, and one-line console logs with the lines the tests wait for.
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(ClusterStore store, string dataDirectory, string clusterId) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["RegionGrains__Provider"] = store.ToString(),
        ["RegionGrains__DataDirectory"] = dataDirectory,
        ["RegionGrains__ClusterId"] = clusterId,
        ["RegionGrains__ServiceId"] = clusterId,
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__LogLevel__Default"] = "Warning",
        // "Application started": the readiness signal the tests wait for.
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        ["Logging__LogLevel__RegionGrains"] = "Information",
    };

    private Dictionary<string, string> CommonEnvironment()
    {
        var environment = ProcessEnvironment(_store, DataDirectory, _clusterId);

        // Webhook tests deliver to a receiver on loopback, which only configuration allows; retries and the
        // rules' catch-up are paced for a test's minutes rather than production's day.
        environment["RegionGrains__Webhooks__AllowedTargets__0"] = "127.0.0.1/32";
        environment["RegionGrains__Webhooks__RetryCap"] = "00:00:02";
        environment["RegionGrains__Webhooks__CatchUpInterval"] = "00:00:02";
        foreach (var (key, value) in Environment)
        {
            environment[key] = value;
        }

        if (_store == ClusterStore.Redis)
        {
            environment["ConnectionStrings__redis"] = _redis ?? throw new InvalidOperationException("A Redis cluster needs a connection string.");
        }

        if (_store == ClusterStore.PostgreSql)
        {
            // Clusters share the server's tables; each keeps to its own cluster and service id.
            environment["ConnectionStrings__postgres"] = PostgreSqlServer.EnsureAnswers();
        }

        return environment;
    }

    /// <summary>
    /// Waits for <paramref name="process"/> to print <paramref name="readyLine"/>, then confirms once with its
    /// <c>/health/ready</c> that it agrees.
    /// </summary>
    private async Task WaitReadyAsync(ClusterProcess process, string readyLine)
    {
        await WaitForLineAsync(process, readyLine);
        using var http = new HttpClient { BaseAddress = process.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{process.Name} printed \"{readyLine}\", but its /health/ready answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Diagnostics()}");
        }
    }

    /// <summary>Waits for <paramref name="process"/> to print <paramref name="line"/>; fails when it exits first or after the start timeout.</summary>
    private async Task WaitForLineAsync(ClusterProcess process, string line)
    {
        var printed = process.WaitForLineAsync(line);
        try
        {
            await Task.WhenAny(printed, process.WhenExitedAsync()).WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{process.Name} was not ready within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s (it never printed \"{line}\").\n{Diagnostics()}");
        }

        if (!printed.IsCompleted)
        {
            Assert.Fail($"{process.Name} exited while starting.\n{process.Tail(60)}");
        }
    }

    private static string Metadata(string key) =>
        Path.GetFullPath(typeof(LocalCluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);
}
