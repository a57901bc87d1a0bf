using System.Text;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// The log cluster.sh's supervisor keeps for one process name (<c>{dir}/{name}.log</c>): every run of the process
/// appends its console after a <c>--- cluster.sh: started</c> line and ends with a <c>--- cluster.sh: … exited</c>
/// line. The processes run under the supervisor, not the test, so their console reaches the test only through this
/// file; the file system tells when it grows.
/// </summary>
internal static class ProcessLog
{
    private const string Supervisor = "--- cluster.sh: ";

    /// <summary>
    /// Completes when the process's current run has printed a line containing <paramref name="readyText"/> and has not
    /// exited since; fails the test with <paramref name="awaited"/> and <paramref name="diagnostics"/> after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitForReadyLineAsync(string path, string readyText, TimeSpan timeout, string awaited, Func<string> diagnostics)
    {
        using var grown = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        watcher.Changed += (_, _) => grown.Release();
        watcher.Created += (_, _) => grown.Release();
        // Watch first, then read: a line written in between raises an event that the wait below sees.
        watcher.EnableRaisingEvents = true;

        using var deadline = new CancellationTokenSource(timeout);
        var offset = 0L;
        var partial = new StringBuilder();
        var ready = false;
        while (true)
        {
            foreach (var line in ReadNewLines(path, ref offset, partial))
            {
                if (line.StartsWith(Supervisor, StringComparison.Ordinal))
                {
                    // A new run starts unready; a run that exited is not ready either.
                    ready = false;
                }
                else if (line.Contains(readyText, StringComparison.Ordinal))
                {
                    ready = true;
                }
            }

            if (ready)
            {
                return;
            }

            try
            {
                await grown.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {awaited} (a line \"{readyText}\" from its current run in {path}).\n{diagnostics()}");
            }
        }
    }

    private static List<string> ReadNewLines(string path, ref long offset, StringBuilder partial)
    {
        var lines = new List<string>();
        if (!File.Exists(path))
        {
            return lines;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        partial.Append(reader.ReadToEnd());
        offset = stream.Position;
        var text = partial.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return lines;
        }

        lines.AddRange(text[..end].Split('\n'));
        partial.Clear().Append(text[(end + 1)..]);
        return lines;
    }
}
