using RegionGrains.LoadTest.Commands;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// One run on an agent: the command running in this process, and the coordinator's calls meeting it at its
/// <see cref="IRunHooks"/> points. The run waits for the coordinator at each point for <see cref="IdleTimeout"/> at
/// most: a coordinator that went away leaves no agent holding a cluster client for ever.
/// </summary>
public sealed class AgentRun : IRunHooks, IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<double> _startAt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LoadResult> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _check = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RunReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringWriter _output = new();
    private double _startedLateMs;

    private AgentRun(string command, IReadOnlyList<string> arguments, TextWriter console)
    {
        var tee = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new TeeWriter(console, TextWriter.Synchronized(_output))),
        });
        tee.Profile.Width = 160;
        Command = Task.Run(() => LoadTestApp.RunAsync([command, .. arguments], tee, this, Stop.Token));
    }

    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Cancelled when the coordinator aborts the run or goes away.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>The command's exit code, once it has ended.</summary>
    public Task<int> Command { get; }

    public Task Ready => _ready.Task;

    public Task<LoadResult> Loaded => _loaded.Task;

    public Task<RunReport> Report => _report.Task;

    /// <summary>Starts <paramref name="command"/> with <paramref name="arguments"/>; its output goes to <paramref name="console"/> and is kept for error answers.</summary>
    public static AgentRun Start(string command, IReadOnlyList<string> arguments, TextWriter console) => new(command, arguments, console);

    /// <summary>The last lines the command wrote, for an answer that says why it failed.</summary>
    public string LastOutput(int lines = 20) => string.Join('\n', _output.ToString().TrimEnd().Split('\n').TakeLast(lines));

    public void StartAt(double unixMs) => _startAt.TrySetResult(unixMs);

    public void CheckNow() => _check.TrySetResult();

    public async Task LoadReadyAsync(CancellationToken cancellationToken)
    {
        _ready.TrySetResult();
        var startAt = await _startAt.Task.WaitAsync(IdleTimeout, cancellationToken);
        var wait = TimeSpan.FromMilliseconds(startAt - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        _startedLateMs = Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - startAt);
    }

    public async Task LoadFinishedAsync(PhaseStats scenario, PhaseStats? baseline, CancellationToken cancellationToken)
    {
        _loaded.TrySetResult(new LoadResult(SideResult.From(scenario), baseline is null ? null : SideResult.From(baseline), _startedLateMs));
        await _check.Task.WaitAsync(IdleTimeout, cancellationToken);
    }

    public void Finished(RunReport report) => _report.TrySetResult(report);

    public void Dispose()
    {
        Stop.Dispose();
        _output.Dispose();
    }

    /// <summary>Writes to the agent's console and to the run's kept output alike.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            first.Write(buffer, index, count);
            second.Write(buffer, index, count);
        }

        public override void Flush()
        {
            first.Flush();
            second.Flush();
        }
    }
}
