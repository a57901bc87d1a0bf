using System.Globalization;
using RegionGrains.LoadTest.Commands;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// A <c>grains</c> or <c>http</c> run on agents: checks that each answers and runs this build, has each prepare its
/// share (<see cref="AgentArguments"/>), starts all at one instant, collects their measurements once all have stopped,
/// has each check its invariants, and writes one report of the merged figures with a per-agent breakdown.
/// </summary>
public static class AgentCoordinator
{
    /// <summary>The least time between sending the start instant and reaching it: every agent must have it before then.</summary>
    private static readonly TimeSpan MinimumLead = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(IAnsiConsole console, string command, RegionLoadSettings settings, IReadOnlyList<AgentEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var output = new RunOutput(console, settings);
        var agents = endpoints.Select(e => new AgentClient(e, settings.EffectiveAgentToken)).ToList();
        var runs = new string?[agents.Count];
        try
        {
            return await RunAsync(output, command, settings, agents, runs, cancellationToken);
        }
        catch (AgentException exception)
        {
            await AbortAsync(agents, runs);
            console.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
            if (exception.Output is { Length: > 0 } lines)
            {
                console.MarkupLine($"[grey]Its last output:[/]\n{Markup.Escape(lines)}");
            }

            // Before the start an agent that fails is a target that is not there; from the start on, the run is broken.
            return exception.ExitCode is { } code and not ExitCodes.Passed ? code : ExitCodes.TargetUnavailable;
        }
        catch (OperationCanceledException)
        {
            await AbortAsync(agents, runs);
            throw;
        }
        finally
        {
            agents.ForEach(a => a.Dispose());
        }
    }

    private static async Task<int> RunAsync(RunOutput output, string command, RegionLoadSettings settings, List<AgentClient> agents, string?[] runs, CancellationToken cancellationToken)
    {
        output.Step($"Asking {agents.Count} agent(s) who they are: {string.Join(", ", agents.Select(a => a.Endpoint))}");
        var hellos = await AllAsync(agents.Select(a => (Func<CancellationToken, Task<(AgentHello Hello, double MidpointUnixMs, double RoundTripMs)>>)a.HelloAsync), cancellationToken);
        foreach (var (agent, (hello, _, _)) in agents.Zip(hellos))
        {
            if (hello.Protocol != AgentProtocol.Version || hello.Version != AgentProtocol.ToolVersion)
            {
                throw new AgentException(agent.Endpoint, $"runs {LoadTestApp.Name} {hello.Version} (protocol {hello.Protocol}); this coordinator runs {AgentProtocol.ToolVersion} (protocol {AgentProtocol.Version}). Run the same build on every load host.");
            }

            if (hello.Busy)
            {
                throw new AgentException(agent.Endpoint, "is running another coordinator's run; an agent runs one at a time.");
            }
        }

        // Cristian's estimate: the agent's clock minus this one's at the exchange's middle, within half its round trip.
        var offsets = hellos.Select(h => h.Hello.UtcNowUnixMs - h.MidpointUnixMs).ToList();
        output.Step($"Each agent prepares its share (regions, clients): {string.Join("; ", agents.Select((a, i) => $"{a.Endpoint} {AgentArguments.Share(settings.Regions, i, agents.Count)} regions"))}");
        var prepareTimeout = TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(settings.Regions);
        await AllAsync(agents.Select((agent, i) => (Func<CancellationToken, Task<string>>)(async token =>
        {
            var request = new PrepareRequest(AgentProtocol.Version, AgentProtocol.ToolVersion, command, AgentArguments.For(settings, i, agents.Count));
            return runs[i] = (await agent.PrepareAsync(request, prepareTimeout, token)).RunId;
        })), cancellationToken);

        var lead = TimeSpan.FromMilliseconds(Math.Max(MinimumLead.TotalMilliseconds, 4 * hellos.Max(h => h.RoundTripMs)));
        var startAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + lead.TotalMilliseconds;
        var runTime = settings.Warmup + (settings.Duration * 2);
        output.Step($"Starting every agent at {DateTimeOffset.FromUnixTimeMilliseconds((long)startAt).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} UTC (in {lead.TotalMilliseconds:0} ms); about {runTime.TotalSeconds:0} s of warmup and rounds");
        var startTimeout = lead + runTime + TimeSpan.FromMinutes(2);
        LoadResult[] loads;
        try
        {
            loads = await AllAsync(agents.Select((agent, i) => (Func<CancellationToken, Task<LoadResult>>)(token => agent.StartAsync(runs[i]!, new StartRequest(startAt + offsets[i]), startTimeout, token))), cancellationToken);
        }
        catch (AgentException exception)
        {
            throw new AgentException(exception.Agent, $"dropped out of the run: it {exception.Detail}. The other agents were stopped; no report was written.", ExitCodes.Fault, exception.Output);
        }

        output.Step("Every agent has stopped; each checks its invariants");
        var checkTimeout = (settings.SettleTimeout * 3) + TimeSpan.FromMinutes(2);
        CheckResult[] checks;
        try
        {
            checks = await AllAsync(agents.Select((agent, i) => (Func<CancellationToken, Task<CheckResult>>)(token => agent.CheckAsync(runs[i]!, checkTimeout, token))), cancellationToken);
        }
        catch (AgentException exception)
        {
            throw new AgentException(exception.Agent, $"dropped out while checking invariants: it {exception.Detail}. No report was written.", ExitCodes.Fault, exception.Output);
        }

        var scenario = SideMerge.Merge([.. loads.Select(l => l.Scenario)]);
        var baseline = loads.All(l => l.Baseline is not null) ? SideMerge.Merge([.. loads.Select(l => l.Baseline!)]) : null;
        var breakdown = agents.Select((agent, i) => new AgentReport(
            agent.Endpoint.ToString(),
            hellos[i].Hello.Version,
            Math.Round(offsets[i], 1),
            Math.Round(hellos[i].RoundTripMs, 1),
            Math.Round(loads[i].StartedLateMs, 1),
            checks[i].Summary.Operations,
            checks[i].Summary.ThroughputPerSecond,
            checks[i].Summary.LatencyMs,
            checks[i].Summary.Baseline,
            checks[i].Summary.RatioToBaseline,
            checks[i].Summary.Errors,
            checks[i].Summary.InvariantsPassed,
            checks[i].Summary.CommandLine,
            checks[i].Summary.Details)).ToList();
        var details = new AgentRunDetails(
            agents.Count,
            baseline is null ? null : LatencyReport.From(baseline.Latency.Summarize()),
            "regions, concurrency and consumers split as evenly as whole numbers allow, the open-loop rate divided; each agent its own regions and seed",
            "histograms added (exact percentiles of every agent's values), counts summed, time the longest agent's; a timeline second's percentiles are the highest of any agent's");
        var reportSettings = settings.ToReportSettings() with
        {
            Agents = [.. agents.Select(a => a.Endpoint.ToString())],
            Cluster = command == "grains" ? "client of an existing cluster, from each agent" : null,
            Url = command == "http" ? ((HttpSettings)settings).GatewayUri.ToString() : null,
        };
        var report = RunReport.Create(command, reportSettings, scenario, baseline, InvariantMerge.Merge([.. checks.Select(c => c.Invariants)]), details) with
        {
            Agents = breakdown,
        };
        return await output.FinishAsync(report, cancellationToken);
    }

    /// <summary>
    /// Makes one call to every agent at once. The first agent that fails cancels the others' calls, so that they stop
    /// at once (an agent whose call is cancelled stops its run) rather than loading on to the end; its error is thrown.
    /// </summary>
    private static async Task<T[]> AllAsync<T>(IEnumerable<Func<CancellationToken, Task<T>>> calls, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = calls.Select(async call =>
        {
            try
            {
                return await call(failed.Token);
            }
            catch (AgentException)
            {
                await failed.CancelAsync();
                throw;
            }
        }).ToList();
        try
        {
            return await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw tasks.Select(t => t.Exception?.InnerException).OfType<AgentException>().First();
        }
    }

    private static Task AbortAsync(List<AgentClient> agents, string?[] runs) =>
        Task.WhenAll(agents.Select((agent, i) => runs[i] is { } run ? agent.AbortAsync(run) : Task.CompletedTask));
}
