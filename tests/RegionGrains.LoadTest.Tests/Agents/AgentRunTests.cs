using System.Text;
using RegionGrains.LoadTest.Agents;
using RegionGrains.LoadTest.Tests.Smoke;
using RegionGrains.LoadTest.Tests.Support;
using RegionGrains.Testing;

namespace RegionGrains.LoadTest.Tests.Agents;

/// <summary>
/// Runs with <c>--agents</c>: two agent hosts on loopback ports of this process (the same server <c>agent</c> starts)
/// load one real gateway, and the coordinator writes one report; agents that cannot take part stop the run with a
/// message naming them.
/// </summary>
[Collection(SmokeCollection.Name)]
public sealed class AgentRunTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Fact]
    public async Task TwoAgentsLoadOneGatewayAndTheReportsCountsAreTheSumOfTheirs()
    {
        var (gateway, port) = TestGateway.Start(_files.Folder("gateway"), "loadtest-agents");
        await using var _ = gateway;
        await using var first = await AgentServer.StartAsync("127.0.0.1:0", null, TextWriter.Null, CancellationToken.None);
        await using var second = await AgentServer.StartAsync("127.0.0.1:0", null, TextWriter.Null, CancellationToken.None);
        var path = _files.ReportPath("agents");

        // An open loop of 200/s for 2 rounds of 1 s a side: 400 operations of the scenario and 400 of the baseline,
        // 200 of each per agent at 100/s, so the expected counts come from the command line, not from the agents.
        var (exitCode, output) = await CliRunner.RunAsync(
            "http", "--url", $"http://127.0.0.1:{port}", "--agents", $"{first.Endpoint},{second.Endpoint}",
            "--regions", "21", "--concurrency", "9", "--rate", "200", "--duration", "2s", "--warmup", "500ms", "--rounds", "2",
            "--mix", "read=70,reserve=30", "--no-live", "--report", path, "--threshold", "errors==0");

        Assert.True(exitCode == 0, output);
        var report = CliRunner.ReadReport(path);
        ReportAssert.SmokeRunHeld(report, "http", "bare-kestrel");
        Assert.Equal(400, report.GetProperty("operations").GetInt64());
        var agents = report.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal([first.Endpoint, second.Endpoint], agents.Select(a => a.GetProperty("agent").GetString()));
        Assert.Equal(report.GetProperty("operations").GetInt64(), agents.Sum(a => a.GetProperty("operations").GetInt64()));
        Assert.All(agents, a => Assert.Equal(200, a.GetProperty("operations").GetInt64()));
        Assert.All(agents, a => Assert.True(a.GetProperty("baseline").GetProperty("throughputPerSecond").GetDouble() > 0, a.ToString()));

        // One clock here: the estimated offset is off by at most half the exchange's round trip (and a millisecond of rounding).
        Assert.All(agents, a => Assert.True(Math.Abs(a.GetProperty("clockOffsetMs").GetDouble()) <= (a.GetProperty("roundTripMs").GetDouble() / 2) + 1.1, a.ToString()));

        // Each agent ran its share: 11 and 10 regions, 5 and 4 workers, 100/s each.
        var commandLines = agents.Select(a => a.GetProperty("commandLine").GetString()!).ToList();
        Assert.Contains("--regions 11 ", commandLines[0], StringComparison.Ordinal);
        Assert.Contains("--regions 10 ", commandLines[1], StringComparison.Ordinal);
        Assert.Contains("--concurrency 5 ", commandLines[0], StringComparison.Ordinal);
        Assert.All(commandLines, c => Assert.Contains("--rate 100 ", c, StringComparison.Ordinal));

        // The rounds and the timeline add up to the same operations, on each side.
        var rounds = report.GetProperty("rounds");
        Assert.Equal(400, rounds.GetProperty("scenario").EnumerateArray().Sum(r => r.GetProperty("operations").GetInt64()));
        Assert.Equal(400, rounds.GetProperty("baseline").EnumerateArray().Sum(r => r.GetProperty("operations").GetInt64()));
        Assert.Equal(400, report.GetProperty("timeline").GetProperty("scenario").EnumerateArray().Sum(p => p.GetProperty("operations").GetInt64()));
        Assert.Equal([first.Endpoint, second.Endpoint], report.GetProperty("settings").GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(21, report.GetProperty("settings").GetProperty("regions").GetInt32());
        Assert.Contains("agent 1: ", report.GetProperty("invariants").GetProperty("footprintMatchesRegions").GetProperty("detail").GetString(), StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".html"));
        Assert.Contains("<table id=\"agents\">", html, StringComparison.Ordinal);
        Assert.Contains("## Agents", await File.ReadAllTextAsync(Path.ChangeExtension(path, ".md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentThatDoesNotAnswerStopsTheRunBeforeAnyLoadNamingIt()
    {
        await using var running = await AgentServer.StartAsync("127.0.0.1:0", null, TextWriter.Null, CancellationToken.None);
        var absent = $"127.0.0.1:{FreeTcpPort.Next()}";

        var (exitCode, output) = await CliRunner.RunAsync(
            "http", "--url", "http://127.0.0.1:5080", "--agents", $"{running.Endpoint},{absent}", "--regions", "20", "--duration", "1s", "--no-live");

        Assert.Equal(ExitCodes.TargetUnavailable, exitCode);
        Assert.Contains($"Agent {absent} did not answer: Connection refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentOfAnotherBuildIsRefusedWithBothVersions()
    {
        await using var other = await AgentServer.StartAsync("127.0.0.1:0", null, TextWriter.Null, CancellationToken.None, version: "0.9.0+other");

        var (exitCode, output) = await CliRunner.RunAsync("http", "--agents", other.Endpoint, "--regions", "20", "--duration", "1s", "--no-live");

        Assert.Equal(ExitCodes.TargetUnavailable, exitCode);
        Assert.Contains($"Agent {other.Endpoint} runs regiongrains-loadtest 0.9.0+other (protocol {AgentProtocol.Version}); this coordinator runs {AgentProtocol.ToolVersion}", output, StringComparison.Ordinal);
        Assert.Contains("Run the same build on every load host.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentWithATokenRefusesACoordinatorWithout()
    {
        await using var guarded = await AgentServer.StartAsync("127.0.0.1:0", "s3cret", TextWriter.Null, CancellationToken.None);

        var (exitCode, output) = await CliRunner.RunAsync("http", "--agents", guarded.Endpoint, "--regions", "20", "--duration", "1s", "--no-live");

        Assert.Equal(ExitCodes.TargetUnavailable, exitCode);
        Assert.Contains($"Agent {guarded.Endpoint} did not answer: This agent needs its token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentThatDropsOutMidRunStopsTheOthersAndTheRunFailsWithoutAReport()
    {
        var (gateway, port) = TestGateway.Start(_files.Folder("gateway-drop"), "loadtest-agents-drop");
        await using var _ = gateway;
        var loading = new SignalWriter("gateway-http 1/");
        await using var staying = await AgentServer.StartAsync("127.0.0.1:0", null, TextWriter.Null, CancellationToken.None);
        var dropping = await AgentServer.StartAsync("127.0.0.1:0", null, loading, CancellationToken.None);
        var path = _files.ReportPath("dropped");

        var run = CliRunner.RunAsync(
            "http", "--url", $"http://127.0.0.1:{port}", "--agents", $"{staying.Endpoint},{dropping.Endpoint}",
            "--regions", "20", "--concurrency", "4", "--duration", "60s", "--warmup", "0s", "--rounds", "1", "--mix", "read=100", "--no-live", "--report", path);
        await WithinAsync(loading.Seen, TimeSpan.FromSeconds(60), "the dropping agent's first progress line of its measured round");
        await dropping.DisposeAsync();
        await WithinAsync(run, TimeSpan.FromSeconds(60), "the coordinator to end after an agent dropped out");
        var (exitCode, output) = await run;

        Assert.Equal(ExitCodes.Fault, exitCode);
        Assert.Contains($"Agent {dropping.Endpoint} dropped out of the run", output, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "A run an agent dropped out of wrote a report.");
    }

    [Theory]
    [InlineData("the agents list", ExitCodes.UsageError, "--agents: '127.0.0.1' is not HOST:PORT", "http", "--agents", "127.0.0.1", "--duration", "1s")]
    [InlineData("too few regions", ExitCodes.UsageError, "--regions 10 is too few for 2 agents", "http", "--agents", "127.0.0.1:1,127.0.0.1:2", "--regions", "10", "--duration", "1s")]
    [InlineData("an in-process silo", ExitCodes.UsageError, "--agents needs --cluster", "grains", "--agents", "127.0.0.1:1", "--duration", "1s")]
    [InlineData("an open agent", ExitCodes.UsageError, "--listen 0.0.0.0:7301 is beyond loopback", "agent", "--listen", "0.0.0.0:7301")]
    [InlineData("an unknown option", ExitCodes.UsageError, "Unknown option '--agent'", "http", "--agent", "127.0.0.1:1", "--duration", "1s")]
    public async Task AMistakeInTheAgentOptionsIsRefusedBeforeAnythingRuns(string what, int expected, string message, params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.True(exitCode == expected, $"{what}: {output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public void EachAgentsCommandLineCarriesItsShareAndNotTheCoordinatorsOwnOptions()
    {
        var settings = new RegionGrains.LoadTest.Cli.GrainsSettings
        {
            Cluster = true, Regions = 1_001, Concurrency = 64, Consumers = 3, Stages = "10s:1000,5s:0", Rate = 100, Seed = 5,
            Agents = "a:1,b:2,c:3", AgentToken = "secret", Report = "run.json", Thresholds = ["p99<5ms"], Mix = "read=100",
        };

        var shares = Enumerable.Range(0, 3).Select(i => string.Join(' ', AgentArguments.For(settings, i, 3))).ToList();

        Assert.All(shares, s => Assert.DoesNotContain("secret", s, StringComparison.Ordinal));
        Assert.All(shares, s => Assert.DoesNotContain("--report", s, StringComparison.Ordinal));
        Assert.All(shares, s => Assert.DoesNotContain("--threshold", s, StringComparison.Ordinal));
        Assert.All(shares, s => Assert.Contains("--cluster ", s, StringComparison.Ordinal));
        Assert.All(shares, s => Assert.Contains("--stages 10s:333.333333,5s:0 ", s, StringComparison.Ordinal));
        Assert.Equal([1_001], [shares.Sum(s => int.Parse(s.Split("--regions ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(["--seed 5", "--seed 6", "--seed 7"], shares.Select(s => "--seed " + s.Split("--seed ")[1].Split(' ')[0]));
        Assert.All(shares, s => Assert.Contains("--consumers 1 ", s, StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();

    private static async Task WithinAsync(Task awaited, TimeSpan bound, string what)
    {
        try
        {
            await awaited.WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {bound.TotalSeconds:0} s for {what}, in vain.");
        }
    }

    /// <summary>An agent's console that signals once a text appears in it (the first measured round's progress line).</summary>
    private sealed class SignalWriter(string awaited) : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
                if (value == '\n' && _text.ToString().Contains(awaited, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }
    }
}
