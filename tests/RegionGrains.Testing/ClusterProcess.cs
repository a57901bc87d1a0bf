using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace RegionGrains.Testing;

/// <summary>
/// One silo or gateway running as its own operating-system process (<c>dotnet &lt;dll&gt;</c>), its console captured
/// to a log file. Every process started here is also killed when the test host exits, whatever happened.
/// </summary>
public sealed class ClusterProcess : IFailoverSilo, IDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedLines = [];
    private readonly long _logStart;

    static ClusterProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                TryKill(process);
            }
        };
    }

    private ClusterProcess(string name, Uri httpAddress, Process process, string logPath)
    {
        Name = name;
        HttpAddress = httpAddress;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        // A restarted process appends to the same log: only what this process printed counts as its output.
        _logStart = _log.BaseStream.Position;
    }

    public string Name { get; }

    /// <summary>The process's own HTTP address (health, and the API for a gateway).</summary>
    public Uri HttpAddress { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="assembly"/> with <c>dotnet</c>, listening on <paramref name="httpAddress"/>.</summary>
    public static ClusterProcess Start(string name, string assembly, Uri httpAddress, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} is missing; build the solution first.", assembly);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            // The content root: appsettings.json and the catalog sit beside the assembly.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(httpAddress.ToString().TrimEnd('/'));

        // Nothing from the test runner's own RegionGrains settings may leak into the cluster under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RegionGrains__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var cluster = new ClusterProcess(name, httpAddress, process, logPath);
        process.OutputDataReceived += (_, e) => cluster.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cluster.Append(e.Data);
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        cluster.Append($"--- started {name} as process {process.Id} at {DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}");
        return cluster;
    }

    /// <summary>For a silo: how many regions whose id starts with <paramref name="prefix"/> are active on it (its <c>/cluster/grains</c>).</summary>
    public Task<int> CountRegionsAsync(string prefix) => CountGrainsAsync("region", prefix);

    /// <summary>For a silo: how many grains of <paramref name="type"/> (e.g. region, consumer) whose key starts with <paramref name="prefix"/> are active on it.</summary>
    public async Task<int> CountGrainsAsync(string type, string prefix)
    {
        using var http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        var grains = await http.GetFromJsonAsync<LocalGrains>(new Uri($"/cluster/grains?type={Uri.EscapeDataString(type)}&prefix={Uri.EscapeDataString(prefix)}", UriKind.Relative));
        return grains!.Total;
    }

    /// <summary><c>kill -9</c>: the process gets no chance to leave the cluster or flush anything.</summary>
    public void Kill()
    {
        Append($"--- SIGKILL at {DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}");
        TryKill(_process);
        _process.WaitForExit(10_000);
        Running.TryRemove(_process.Id, out _);
    }

    /// <summary>SIGTERM, as Ctrl+C or an orchestrator would stop it; SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await term!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }

        Running.TryRemove(_process.Id, out _);
    }

    /// <summary>Waits for the process to exit by itself; its exit code, or null if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            Running.TryRemove(_process.Id, out _);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Completes when this process prints a line containing <paramref name="text"/> (a line it printed before the call
    /// counts too). Never completes if it exits without printing it: await it together with <see cref="WhenExitedAsync"/>.
    /// </summary>
    public Task WaitForLineAsync(string text)
    {
        lock (_logGate)
        {
            _log.Flush();
            if (ReadLog(_logStart).Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaitedLines.Add((text, seen));
            return seen.Task;
        }
    }

    /// <summary>Completes when the process has exited and its console has been read to the end.</summary>
    public Task WhenExitedAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The last lines of the process's console, for failure messages.</summary>
    public string Tail(int lines = 25)
    {
        lock (_logGate)
        {
            _log.Flush();
        }

        var all = ReadLog(0).Split('\n');
        return $"--- {Name} ({LogPath}), last {lines} lines:\n" + string.Join('\n', all.TakeLast(lines));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the test finished with this process.
            }

            for (var i = _awaitedLines.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_awaitedLines[i].Text, StringComparison.Ordinal))
                {
                    _awaitedLines[i].Seen.TrySetResult();
                    _awaitedLines.RemoveAt(i);
                }
            }
        }
    }

    private string ReadLog(long from)
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record LocalGrains(string Silo, int Total);

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
