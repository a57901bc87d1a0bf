using System.Diagnostics;
using System.Threading.Channels;

namespace RegionGrains.Cluster.Tests;

/// <summary>How a silo or gateway process starts as a user starts it: <c>dotnet &lt;dll&gt;</c> from any folder.</summary>
public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("regiongrains-startup-").FullName;

    public static TheoryData<string> Programs => new() { "silo", "gateway" };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task StartedFromAnotherFolderItsContentRootIsItsOwnFolder(string program)
    {
        var assembly = AssemblyOf(program);
        using var process = Start(assembly, new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = Path.Combine(_folder, "data") });
        var expected = $"Content root path: {Path.GetDirectoryName(assembly)}{Path.DirectorySeparatorChar}";

        var lines = await process.ReadUntilAsync(line => line.Trim() == expected, Patience);

        Assert.True(lines.Any(l => l.Trim() == expected), $"Expected \"{expected}\" within {Patience.TotalSeconds}s; the {program} wrote:\n{string.Join('\n', lines)}");
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task TheRedisProviderWithoutAConnectionStringStopsWithOneLineAndExitCodeOne(string program)
    {
        using var process = Start(AssemblyOf(program), new Dictionary<string, string> { ["RegionGrains__Provider"] = "Redis" });

        var exitCode = await process.WaitForExitAsync(Patience);

        var errors = process.Errors;
        Assert.True(exitCode == 1, $"The {program} exited with {exitCode}; stderr:\n{string.Join('\n', errors)}");
        var line = Assert.Single(errors);
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__redis", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task ADataFileThatIsNotADatabaseStopsWithOneLineNamingItAndExitCodeOne(string program)
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        var file = Path.Combine(data, "regiongrains.db");
        await File.WriteAllBytesAsync(file, Enumerable.Range(0, 8192).Select(i => (byte)(i * 37 % 251)).ToArray());
        using var process = Start(AssemblyOf(program), new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = data });

        var line = await SingleErrorLineAsync(process, program);

        Assert.StartsWith($"Cannot start: The data file '{file}' cannot be used: it is not a SQLite database", line, StringComparison.Ordinal);
        Assert.Equal(8192, new FileInfo(file).Length);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task ADataDirectoryThatCannotBeCreatedStopsWithOneLineNamingIt(string program)
    {
        // A file where a directory of the path should be: refused alike for root, unlike a permission.
        var blocker = Path.Combine(_folder, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file");
        var data = Path.Combine(blocker, "data");
        using var process = Start(AssemblyOf(program), new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = data });

        var line = await SingleErrorLineAsync(process, program);

        Assert.StartsWith($"Cannot start: The data directory '{data}' cannot be created: ", line, StringComparison.Ordinal);
        Assert.EndsWith("Check RegionGrains:DataDirectory.", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task AnAddressInUseStopsWithOneLineThatSaysHowToChooseAnother(string program)
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)occupant.LocalEndpoint).Port}";
        using var process = Start(AssemblyOf(program), new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = Path.Combine(_folder, "data") }, address);

        var line = await SingleErrorLineAsync(process, program);

        Assert.StartsWith("Cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.EndsWith("choose another address with --urls or ASPNETCORE_URLS.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RegionGrains__SiloPort")]
    [InlineData("RegionGrains__GatewayPort")]
    public async Task AnOrleansPortInUseStopsTheSiloWithOneLineThatNamesTheSetting(string setting)
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Start(LocalCluster.SiloAssembly, new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = Path.Combine(_folder, "data"), [setting] = port });

        var line = await SingleErrorLineAsync(process, "silo");

        Assert.StartsWith("Cannot start: ", line, StringComparison.Ordinal);
        Assert.EndsWith("choose others with RegionGrains:SiloPort and RegionGrains:GatewayPort, or 0 for free ones.", line, StringComparison.Ordinal);
    }

    // PostgreSQL's case is worded by the same code (StoreStartupErrorsTests) but takes a minute to give up here, as
    // Orleans retries its membership table; Redis' gives up within seconds, so it stands for both.
    [Theory]
    [InlineData("silo", "Redis")]
    [InlineData("gateway", "Redis")]
    public async Task AStoreThatCannotBeReachedStopsWithOneLineNamingItsConnectionString(string program, string provider)
    {
        // A loopback port nobody listens on: refused at once, whatever the machine runs.
        var port = FreeTcpPort.NewLoopbackHttpAddress().Port;
        var (name, connectionString) = provider == "Redis"
            ? ("redis", $"127.0.0.1:{port}")
            : ("postgres", $"Host=127.0.0.1;Port={port};Username=regiongrains;Password=unused;Database=regiongrains");
        using var process = Start(AssemblyOf(program), new Dictionary<string, string>
        {
            ["RegionGrains__DataDirectory"] = Path.Combine(_folder, "data"),
            ["RegionGrains__Provider"] = provider,
            [$"ConnectionStrings__{name}"] = connectionString,
        });

        var line = await SingleErrorLineAsync(process, program);

        Assert.StartsWith($"Cannot start: the {(provider == "Redis" ? "Redis server" : "PostgreSQL database")} in ConnectionStrings:{name} cannot be used: ", line, StringComparison.Ordinal);
        Assert.EndsWith($"Start it, or correct ConnectionStrings:{name}; a silo does not start without its cluster's store.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHttpsAddressWithoutACertificateStopsTheGatewayWithOneLine()
    {
        // A home of its own, so that no developer certificate of this machine's user is found.
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        var port = FreeTcpPort.NewLoopbackHttpAddress().Port;
        using var process = Start(
            LocalCluster.GatewayAssembly,
            new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = Path.Combine(_folder, "data"), ["HOME"] = home },
            $"https://127.0.0.1:{port}");

        var line = await SingleErrorLineAsync(process, "gateway");

        Assert.StartsWith("Cannot start: Unable to configure HTTPS endpoint. No server certificate was specified", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModeGivenAsANumberStopsTheGatewayWithTheNamesItTakes()
    {
        using var process = Start(LocalCluster.GatewayAssembly, new Dictionary<string, string> { ["RegionGrains__DataDirectory"] = Path.Combine(_folder, "data"), ["RegionGrains__Gateway__Mode"] = "5" });

        var line = await SingleErrorLineAsync(process, "gateway");

        Assert.Equal("Configuration error: RegionGrains:Gateway:Mode is '5'; it is one of Embedded, Client.", line);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a file: the temp folder is left for the OS.
        }
    }

    private static string AssemblyOf(string program) => program == "silo" ? LocalCluster.SiloAssembly : LocalCluster.GatewayAssembly;

    private static async Task<string> SingleErrorLineAsync(StartedProgram process, string program)
    {
        var exitCode = await process.WaitForExitAsync(Patience);
        var errors = process.Errors;
        Assert.True(exitCode == 1, $"The {program} exited with {exitCode?.ToString() ?? "nothing (still running)"}; stderr:\n{string.Join('\n', errors)}");
        return Assert.Single(errors);
    }

    private StartedProgram Start(string assembly, Dictionary<string, string> environment, string? urls = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls ?? FreeTcpPort.NewLoopbackHttpAddress().ToString().TrimEnd('/'));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RegionGrains__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new StartedProgram(Process.Start(start)!);
    }

    /// <summary>A started process whose stdout lines arrive on a channel and whose stderr lines are kept.</summary>
    private sealed class StartedProgram : IDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _output = Channel.CreateUnbounded<string>();
        private readonly List<string> _errors = [];

        public StartedProgram(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    _output.Writer.TryWrite(line);
                }
                else
                {
                    _output.Writer.TryComplete();
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lock (_errors)
                    {
                        _errors.Add(line);
                    }
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        /// <summary>The stdout lines up to the first that satisfies <paramref name="wanted"/>, or all of them when time ran out.</summary>
        public async Task<List<string>> ReadUntilAsync(Func<string, bool> wanted, TimeSpan timeout)
        {
            var lines = new List<string>();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await foreach (var line in _output.Reader.ReadAllAsync(deadline.Token))
                {
                    lines.Add(line);
                    if (wanted(line))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return lines;
        }

        public async Task<int?> WaitForExitAsync(TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
                return _process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }
    }
}
