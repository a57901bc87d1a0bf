using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// A cluster on hosts of its own: <c>deploy/netns/cluster.sh</c> puts each silo, each gateway and the database in a
/// network namespace with its own 198.18.K.x address, and this class drives it (up, kill, cut, partition, heal,
/// rolling-restart, down) and reads its logs. The test process reaches the gateway and the silos' HTTP ports over
/// the bridge, as a client on another machine would.
/// </summary>
public sealed class NetnsCluster : IFailoverCluster, IAsyncDisposable
{
    private const int SiloHttpPort = 8080;
    private readonly string _dir;
    private readonly string _provider;
    private int _net;

    private NetnsCluster(string dir, string provider, int silos, int gateways)
    {
        _dir = dir;
        _provider = provider;
        SiloCount = silos;
        GatewayCount = gateways;
    }

    public int SiloCount { get; }

    /// <summary>How many gateways serve the API, each on its own host (the first is the one <see cref="Http"/> calls).</summary>
    public int GatewayCount { get; }

    /// <summary>Every gateway's address, the first first; they stay the same across a cold restart.</summary>
    public IReadOnlyList<Uri> GatewayAddresses { get; private set; } = [];

    /// <summary>The process names of the gateways: gateway, gateway-2, ...</summary>
    public IEnumerable<string> GatewayNames => Enumerable.Range(1, GatewayCount).Select(g => g == 1 ? "gateway" : $"gateway-{g}");

    /// <summary>A client of the gateway's API (its address stays the same across a cold restart).</summary>
    public HttpClient Http { get; private set; } = new();

    public Uri GatewayAddress { get; private set; } = new("http://127.0.0.1/");

    private static string Root => Metadata("RepositoryRoot");

    private static string Script => Path.Combine(Root, "deploy", "netns", "cluster.sh");

    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos and <paramref name="gateways"/> gateways on
    /// <paramref name="provider"/> (postgres or redis) and waits until it serves.
    /// </summary>
    public static async Task<NetnsCluster> UpAsync(string provider, int silos = 3, int gateways = 1)
    {
        var dir = Path.Combine(Path.GetTempPath(), "regiongrains-multihost-tests", $"{provider}-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(dir);
        var cluster = new NetnsCluster(dir, provider, silos, gateways);
        try
        {
            await cluster.UpAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public NetnsSilo Silo(int index) => new(this, index);

    /// <summary>The HTTP address of silo <paramref name="index"/> (health, /cluster/members, /cluster/grains).</summary>
    public Uri SiloAddress(int index) => new($"http://198.18.{_net}.{10 + index}:{SiloHttpPort}/");

    internal string PidFile(string name) => Path.Combine(_dir, $"{name}.pid");

    /// <summary><c>cluster.sh kill I</c>: SIGKILL of silo I; its supervisor starts it again.</summary>
    internal void KillSilo(int index) => RunAsync(TimeSpan.FromSeconds(30), "kill", index.ToString(CultureInfo.InvariantCulture)).GetAwaiter().GetResult();

    /// <summary><c>cluster.sh kill NAME</c>: SIGKILL of a gateway (gateway, gateway-2); its supervisor starts it again.</summary>
    public Task KillGatewayAsync(string name) => RunAsync(TimeSpan.FromSeconds(30), "kill", name);

    /// <summary>Silo I's link down: it can reach nothing and nothing can reach it.</summary>
    public Task CutAsync(int index) => RunAsync(TimeSpan.FromSeconds(30), "cut", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Silo I and the other silos lose each other's packets (with <paramref name="oneWay"/>, only I's packets to
    /// them); the database and the gateways still reach I. Lifted by <see cref="HealAsync"/>.
    /// </summary>
    public Task PartitionAsync(int index, bool oneWay) =>
        oneWay
            ? RunAsync(TimeSpan.FromSeconds(30), "partition", index.ToString(CultureInfo.InvariantCulture), "--one-way")
            : RunAsync(TimeSpan.FromSeconds(30), "partition", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>SIGSTOP of silo I's process: it keeps its connections and its activations, and answers nothing.</summary>
    public Task PauseAsync(int index) => RunAsync(TimeSpan.FromSeconds(30), "pause", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>SIGCONT of silo I's process.</summary>
    public Task ResumeAsync(int index) => RunAsync(TimeSpan.FromSeconds(30), "resume", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Lifts <see cref="CutAsync"/> and <see cref="PartitionAsync"/> of silo I.</summary>
    public Task HealAsync(int index) => RunAsync(TimeSpan.FromSeconds(30), "heal", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every silo in turn: SIGTERM, wait for its replacement to be Active, next. Returns the script's output.</summary>
    public Task<string> RollingRestartAsync() => RunAsync(TimeSpan.FromMinutes(5), "rolling-restart");

    /// <summary>Every silo and the gateway SIGKILLed at once, with nothing to restart them.</summary>
    public void KillAll() => RunAsync(TimeSpan.FromSeconds(30), "kill", "all").GetAwaiter().GetResult();

    /// <summary>
    /// A cold restart: <c>down --restarting</c> (which also stops the database and removes every namespace, and keeps
    /// the subnet unreachable so that clients still sending meanwhile fail at once rather than reach whatever the
    /// default route leads to) and <c>up</c> on the same folder, so the cluster comes back from nothing but the
    /// database's files.
    /// </summary>
    public async Task RestartAsync()
    {
        await RunAsync(TimeSpan.FromMinutes(1), "down", "--restarting");
        await UpAsync();
    }

    /// <summary>The members as silo <paramref name="fromSilo"/> sees them.</summary>
    public async Task<ClusterView> MembersAsync(int fromSilo)
    {
        using var http = new HttpClient { BaseAddress = SiloAddress(fromSilo), Timeout = TimeSpan.FromSeconds(5) };
        return (await http.GetFromJsonAsync<ClusterView>(new Uri("/cluster/members", UriKind.Relative)))!;
    }

    /// <summary>
    /// Waits until every silo is Active and the gateway serves a region read: each silo's current run printed ASP.NET
    /// Core's "Application started" (after the silo became Active) and its /health/ready confirms it; the gateway's
    /// run printed that its client reached the cluster, and one region read (retried as a 503's Retry-After asks) succeeds.
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 1; i <= SiloCount; i++)
        {
            await ProcessLog.WaitForReadyLineAsync(Path.Combine(_dir, $"silo-{i}.log"), "Application started", timeout, $"silo-{i} to start", Diagnostics);
            var ready = new Uri(SiloAddress(i), "/health/ready");
            using var answer = await http.GetAsync(ready);
            Assert.True(answer.IsSuccessStatusCode, $"silo-{i} started, but {ready} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{Diagnostics()}");
        }

        // Every silo counts the same members Active: each silo's current run and nothing else. After a kill or a cold
        // restart a silo can still count an earlier run as Active for a moment, and the directory and placement
        // messages it sends that run fail (a write then answers 503).
        await Eventually.Until(
            () => Task.WhenAll(Enumerable.Range(1, SiloCount).Select(MembersAsync)),
            views =>
            {
                var selves = views.Select(v => v.Self).ToHashSet(StringComparer.Ordinal);
                return views.All(v => v.Members.Where(m => m.Status == "Active").Select(m => m.Address).ToHashSet(StringComparer.Ordinal).SetEquals(selves));
            },
            timeout,
            "every silo to count exactly the silos' current runs as Active",
            Diagnostics);

        foreach (var gateway in GatewayNames)
        {
            await ProcessLog.WaitForReadyLineAsync(Path.Combine(_dir, $"{gateway}.log"), "Connected to the cluster", timeout, $"{gateway} to reach the cluster", Diagnostics);
        }

        using var read = await Http.GetRetryingUnavailableAsync("/api/regions/br-sao-paulo", timeout);
        Assert.True(read.IsSuccessStatusCode, $"The gateway answered a region read with {(int)read.StatusCode}: {await read.Content.ReadAsStringAsync()}\n{Diagnostics()}");

        // Writes too, to regions that placement spreads over the silos: after a fault, a silo's log can say it started
        // (an earlier process's line) while the one that replaced it is still joining, and a write placed on it then
        // answers 503. A region's definition written again unchanged is a replay, so each probe can be retried.
        foreach (var probe in Enumerable.Range(0, 12).Select(i => $"healthy-probe-{i:00}"))
        {
            using var written = await Http.SendRetryingUnavailableAsync(
                () => new HttpRequestMessage(HttpMethod.Put, $"/api/regions/{probe}")
                {
                    Content = JsonContent.Create(new { displayName = "Health probe", countryCode = "NL", geography = "Europe", latitude = 52.0, longitude = 4.9 }),
                },
                CancellationToken.None);
            Assert.True(written.IsSuccessStatusCode, $"The gateway answered a definition of {probe} with {(int)written.StatusCode}: {await written.Content.ReadAsStringAsync()}\n{Diagnostics()}");
        }
    }

    /// <summary>
    /// <c>cluster.sh load-host I</c>: a namespace of its own on the cluster's bridge for a load generator; returns the
    /// namespace and its address.
    /// </summary>
    public async Task<(string Namespace, string Address)> AddLoadHostAsync(int index)
    {
        var output = await RunAsync(TimeSpan.FromSeconds(30), "load-host", index.ToString(CultureInfo.InvariantCulture));
        var line = output.Split('\n').Single(l => l.StartsWith("load host ", StringComparison.Ordinal));
        var words = line.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        return (words[Array.IndexOf(words, "namespace") + 1], words[Array.IndexOf(words, "address") + 1]);
    }

    /// <summary>The settings an Orleans client of the cluster needs (<c>DIR/client.env</c>, KEY=VALUE lines).</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment() =>
        File.ReadAllLines(Path.Combine(_dir, "client.env")).Where(l => l.Contains('=')).ToDictionary(l => l.Split('=', 2)[0], l => l.Split('=', 2)[1]);

    /// <summary>The repository's build of a project's executable, in the configuration the tests were built in.</summary>
    public static string Executable(string project) => Path.Combine(Root, "src", project, "bin", Metadata("BuildConfiguration"), "net10.0", project + ".dll");

    /// <summary>The process id now running as <paramref name="name"/> (silo-1, gateway), or null.</summary>
    public int? ProcessId(string name) =>
        File.Exists(PidFile(name)) && int.TryParse(File.ReadAllText(PidFile(name)).Trim(), out var pid) ? pid : null;

    /// <summary>The log of one process (silo-1.log, gateway.log) as it is now.</summary>
    public string Log(string name)
    {
        var path = Path.Combine(_dir, $"{name}.log");
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var name in Enumerable.Range(1, SiloCount).Select(i => $"silo-{i}").Concat(GatewayNames))
        {
            var lines = Log(name).Split('\n');
            text.Append("--- ").Append(name).Append(", last 20 lines:\n").AppendJoin('\n', lines.TakeLast(20).Select(l => l.Length > 400 ? l[..400] : l)).Append('\n');
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await RunAsync(TimeSpan.FromMinutes(1), "down");
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // The failure that brought us here is the one to report; `down` said why it failed in its output.
        }

        // REGIONGRAINS_KEEP_TEST_CLUSTERS=1 keeps the logs and the database's files for a look after the run.
        if (System.Environment.GetEnvironmentVariable("REGIONGRAINS_KEEP_TEST_CLUSTERS") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file the database just closed; a leftover temp folder is harmless.
        }
    }

    private async Task UpAsync()
    {
        var output = await RunAsync(
            TimeSpan.FromMinutes(4),
            "up", "--silos", SiloCount.ToString(CultureInfo.InvariantCulture), "--gateways", GatewayCount.ToString(CultureInfo.InvariantCulture), "--provider", _provider,
            "--configuration", Metadata("BuildConfiguration"), "--no-build");
        var lines = output.Split('\n');
        GatewayAddresses = lines.Single(l => l.StartsWith("gateways: ", StringComparison.Ordinal))["gateways: ".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => new Uri(a + "/"))
            .ToList();
        var ready = lines.Single(l => l.StartsWith("ready: ", StringComparison.Ordinal));
        var address = new Uri(ready["ready: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] + "/");
        _net = int.Parse(address.Host.Split('.')[2], CultureInfo.InvariantCulture);
        if (address != GatewayAddress)
        {
            Http.Dispose();
            GatewayAddress = address;
            Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    /// <summary>Runs <c>cluster.sh COMMAND … --dir DIR</c>, returning its output; fails with the output when it fails.</summary>
    private async Task<string> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = ChildProcess.StartInfo(Script, arguments.Append("--dir").Append(_dir));
        start.WorkingDirectory = Root;
        var (exitCode, output) = await ChildProcess.RunAsync(start, timeout);
        if (exitCode is null)
        {
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} did not finish within {timeout}.\n{Diagnostics()}");
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed ({exitCode}):\n{output}\n{Diagnostics()}");
        }

        return output;
    }

    private static string Metadata(string key) =>
        typeof(NetnsCluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>A silo's membership view (its <c>GET /cluster/members</c>).</summary>
    public sealed record ClusterView(long Version, string Self, IReadOnlyList<Member> Members);

    public sealed record Member(string Address, string Name, string Status);
}
