using System.Diagnostics;

namespace RegionGrains.Testing;

/// <summary>
/// A redis-server process of one test's own on a free loopback port, for what the shared server of
/// <see cref="RedisServer"/> must not go through: being stopped and started again, or having its clients counted.
/// Its append-only file is written to a folder of its own, so a stop (SIGTERM) and a start keep the data, as a
/// restarted production server does. Needs <c>redis-server</c> and <c>redis-cli</c> on the PATH (.ci/run installs
/// Debian's redis-server, which brings both).
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("regiongrains-redis-").FullName;
    private Process? _server;

    private PrivateRedisServer(int port) => Port = port;

    /// <summary>Why these tests cannot run here (no redis-server on the PATH outside CI), or null.</summary>
    public static string? SkipReason => RedisServer.IsCi || OnPath("redis-server") && OnPath("redis-cli")
        ? null
        : "No redis-server/redis-cli on the PATH; install Debian's redis-server to run this test. In CI (CI=true) it fails instead.";

    /// <summary>The port it listens on, the same across restarts.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for it, with <paramref name="clientName"/> as every connection's name.</summary>
    public string ConnectionString(string clientName) => $"127.0.0.1:{Port},name={clientName}";

    /// <summary>Starts a server on a free port and waits until it answers.</summary>
    public static async Task<PrivateRedisServer> StartAsync()
    {
        var server = new PrivateRedisServer(FreeTcpPort.NewLoopbackHttpAddress().Port);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        _server = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder, "--save", "", "--appendonly", "yes" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _server.BeginOutputReadLine();
        await Eventually.Until(() => CliAsync("PING"), reply => reply.Trim() == "PONG", TimeSpan.FromSeconds(20), $"redis-server on port {Port} to answer");
    }

    /// <summary>Stops the server as an operator would (SIGTERM: it writes its append-only file and exits).</summary>
    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            await CliAsync("SHUTDOWN");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await server.WaitForExitAsync(timeout.Token);
        }
    }

    /// <summary>How many connections named <paramref name="clientName"/> the server has (<c>CLIENT LIST</c>).</summary>
    public async Task<int> CountClientsAsync(string clientName) =>
        (await CliAsync("CLIENT", "LIST")).Split('\n').Count(line => line.Contains($" name={clientName} ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        _server?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> CliAsync(params string[] command)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var part in (string[])["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. command])
        {
            start.ArgumentList.Add(part);
        }

        using var cli = Process.Start(start)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return output;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));
}
