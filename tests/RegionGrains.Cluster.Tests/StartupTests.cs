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

    private StartedProgram Start(string assembly, Dictionary<string, string> environment)
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
        start.ArgumentList.Add(FreeTcpPort.NewLoopbackHttpAddress().ToString().TrimEnd('/'));
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
