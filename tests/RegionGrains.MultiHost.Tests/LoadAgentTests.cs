using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RegionGrains.MultiHost.Tests.Infrastructure;

namespace RegionGrains.MultiHost.Tests;

/// <summary>
/// The load tester's agents on hosts of their own: one agent, then two, in network namespaces of their own load the
/// same 3-silo cluster as Orleans clients (<c>grains --cluster --agents</c>), and the coordinator in the test's own
/// namespace merges them into one report. The short form (one run each, seconds long) checks that the report adds up
/// the agents' shares; <c>REGIONGRAINS_AGENT_BENCH=N</c> makes it the measurement of docs/benchmarks.md ("Several load
/// machines"): N runs each of 20 s, their medians and the ratio of the ceilings (two agents over one). It runs on the
/// Redis collection's cluster, beside the rolling restart and the recorded history: its regions are its own.
/// </summary>
[Collection(RedisCluster.Name)]
public sealed class LoadAgentTests(RedisClusterFixture fixture, ITestOutputHelper output)
{
    private const string Token = "multihost-agents";
    private const int AgentPort = 7301;

    [NetnsFact]
    public async Task OneAndTwoAgentsOnHostsOfTheirOwnLoadOneClusterAndTheReportAddsUpTheirShares()
    {
        var cluster = fixture.Cluster;
        await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var repetitions = int.TryParse(Environment.GetEnvironmentVariable("REGIONGRAINS_AGENT_BENCH"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;
        var timing = repetitions > 0
            ? new[] { "--duration", "20s", "--warmup", "5s", "--rounds", "2" }
            : ["--duration", "4s", "--warmup", "2s", "--rounds", "1"];
        var agents = new List<Agent>();
        try
        {
            for (var i = 1; i <= 2; i++)
            {
                var (ns, address) = await cluster.AddLoadHostAsync(i);
                agents.Add(await Agent.StartAsync(ns, $"{address}:{AgentPort}", cluster.ClientEnvironment()));
            }

            var one = new List<double>();
            var two = new List<double>();
            for (var run = 0; run < Math.Max(1, repetitions); run++)
            {
                one.Add(await RunAsync([agents[0]], timing, $"one-{run}"));
                two.Add(await RunAsync(agents, timing, $"two-{run}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"one agent: {string.Join(", ", one.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))} ops/s, median {Median(one):N0}; " +
                $"two agents: {string.Join(", ", two.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))} ops/s, median {Median(two):N0}; " +
                $"ratio of medians {Median(two) / Median(one):0.00}"));
        }
        finally
        {
            foreach (var agent in agents)
            {
                agent.Dispose();
            }
        }
    }

    /// <summary>One coordinated run; checks that it held and adds up, returns its throughput.</summary>
    private async Task<double> RunAsync(IReadOnlyList<Agent> agents, string[] timing, string name)
    {
        var report = Path.Combine(Path.GetTempPath(), $"regiongrains-agents-{Guid.NewGuid():N}"[..32], name + ".json");
        string[] arguments =
        [
            NetnsCluster.Executable("RegionGrains.LoadTest"), "grains", "--cluster", "--agents", string.Join(',', agents.Select(a => a.Endpoint)), "--agent-token", Token,
            "--regions", "1000", "--mix", "read=100", "--concurrency", "256", .. timing, "--no-live", "--report", report,
        ];
        var (exitCode, text) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", arguments), TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {exitCode}:\n{text}\n{string.Join('\n', agents.Select(a => a.Log))}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var root = document.RootElement;
        var shares = root.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(agents.Select(a => a.Endpoint), shares.Select(s => s.GetProperty("agent").GetString()));
        Assert.Equal(root.GetProperty("operations").GetInt64(), shares.Sum(s => s.GetProperty("operations").GetInt64()));
        Assert.True(root.GetProperty("invariants").GetProperty("passed").GetBoolean(), root.GetProperty("invariants").ToString());
        Assert.Empty(root.GetProperty("errors").EnumerateObject());
        var throughput = root.GetProperty("throughputPerSecond").GetDouble();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {throughput:N0} ops/s, p50 {root.GetProperty("latencyMs").GetProperty("p50").GetDouble()} ms, p99 {root.GetProperty("latencyMs").GetProperty("p99").GetDouble()} ms; " +
            $"by agent: {string.Join(", ", shares.Select(s => $"{s.GetProperty("agent").GetString()} {s.GetProperty("throughputPerSecond").GetDouble():N0} ops/s, started {s.GetProperty("startedLateMs").GetDouble()} ms late"))}"));
        Directory.Delete(Path.GetDirectoryName(report)!, recursive: true);
        return throughput;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary><c>regiongrains-loadtest agent</c> in a load host's namespace, a client of the cluster by its client settings.</summary>
    private sealed class Agent : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Agent(Process process, string endpoint)
        {
            _process = process;
            Endpoint = endpoint;
        }

        public string Endpoint { get; }

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return $"--- agent {Endpoint}:\n{_log}";
                }
            }
        }

        public static async Task<Agent> StartAsync(string ns, string endpoint, IReadOnlyDictionary<string, string> client)
        {
            var start = ChildProcess.StartInfo("ip", ["netns", "exec", ns, "dotnet", NetnsCluster.Executable("RegionGrains.LoadTest"), "agent", "--listen", endpoint, "--token", Token]);
            foreach (var (key, value) in client)
            {
                start.Environment[key] = value;
            }

            var agent = new Agent(Process.Start(start)!, endpoint);
            agent._process.OutputDataReceived += (_, line) => agent.Add(line.Data);
            agent._process.ErrorDataReceived += (_, line) => agent.Add(line.Data);
            agent._process.BeginOutputReadLine();
            agent._process.BeginErrorReadLine();
            Task first;
            try
            {
                first = await Task.WhenAny(agent._listening.Task, agent._process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                first = Task.CompletedTask;
            }

            if (first != agent._listening.Task)
            {
                agent.Dispose();
                Assert.Fail($"Waited 60 s for the agent in {ns} to print 'Agent listening', in vain:\n{agent.Log}");
            }

            return agent;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }

            if (line.StartsWith("Agent listening", StringComparison.Ordinal))
            {
                _listening.TrySetResult();
            }
        }
    }
}
