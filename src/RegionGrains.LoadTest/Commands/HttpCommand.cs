using System.Text;
using RegionGrains.LoadTest.Agents;

namespace RegionGrains.LoadTest.Commands;

/// <summary>The mix against a running gateway, interleaved with a bare Kestrel endpoint in this process serving JSON of the same size.</summary>
public sealed class HttpCommand(IAnsiConsole console, IRunHooks hooks) : AsyncCommand<HttpSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HttpSettings settings, CancellationToken cancellationToken)
    {
        if (settings.AgentEndpoints is { } agents)
        {
            return await AgentCoordinator.RunAsync(console, "http", settings, agents, cancellationToken);
        }

        var output = new RunOutput(console, settings, hooks);
        var gateway = settings.GatewayUri;
        using var client = LoadHttpClient.Create(settings.Concurrency, settings.EffectiveApiKey);
        output.Step($"Checking the gateway at {gateway}");
        try
        {
            using var probe = await client.GetAsync(new Uri(gateway, "api/footprint"), cancellationToken);
            probe.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException exception) when (exception.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            console.MarkupLine($"[red]The gateway at {Markup.Escape(gateway.ToString())} answered {(int)exception.StatusCode!}: it has authentication on.[/]");
            console.MarkupLine($"Pass an API key with the admin role and its own unlimited rate: [grey]--api-key KEY[/] or [grey]{HttpSettings.ApiKeyVariable}=KEY[/] (docs/security.md, \"Limits\").");
            return ExitCodes.TargetUnavailable;
        }
        catch (HttpRequestException exception)
        {
            console.MarkupLine($"[red]The gateway at {Markup.Escape(gateway.ToString())} does not answer GET /api/footprint: {Markup.Escape(exception.Message)}[/]");
            console.MarkupLine("Start one with [grey]dotnet run -c Release --project src/RegionGrains.Gateway -- --urls http://127.0.0.1:5080[/] and pass --url.");
            return ExitCodes.TargetUnavailable;
        }

        var source = new HttpRegionSource(client, gateway, settings.Regions <= 200_000);
        var before = await source.GetFootprintAsync(cancellationToken);
        var regions = settings.CreateRegions();
        output.WarnRegionsStay(regions, $"the gateway at {gateway}");
        output.Step($"Creating {regions.Count:N0} regions through the API (lt-{regions.RunTag}-*)");
        await HttpRegionTarget.CreateRegionsAsync(client, gateway, regions, Math.Min(settings.Concurrency, 64), cancellationToken);

        var sample = await client.GetStringAsync(new Uri(gateway, $"api/regions/{regions.Ids[0]}"), cancellationToken);
        await using var bare = await BareKestrelServer.StartAsync(sample, cancellationToken);
        output.Step($"Baseline: bare Kestrel at {bare.BaseAddress} serving {bare.BodyBytes} bytes of JSON (the gateway's region body is {Encoding.UTF8.GetByteCount(sample)} bytes)");
        // The baseline carries the same key header, so both sides send the same bytes.
        using var baselineClient = LoadHttpClient.Create(settings.Concurrency, settings.EffectiveApiKey);

        var keys = settings.CreateKeys();
        var scenario = new RunSide(settings.ScenarioTarget(new HttpRegionTarget(client, gateway, regions)), new LoadShape(settings.Concurrency, settings.OpenLoop, settings.ParsedMix, keys, settings.Seed), new PhaseStats("gateway-http"));
        var baseline = settings.ParsedBaselineMix is { } baselineMix
            ? MixBaseline.Create(new HttpRegionTarget(client, gateway, regions), baselineMix, settings)
            : new RunSide(new BareKestrelTarget(baselineClient, bare.BaseAddress, regions), new LoadShape(settings.Concurrency, settings.OpenLoop, settings.ParsedMix, keys, settings.Seed), new PhaseStats("bare-kestrel"));
        await hooks.LoadReadyAsync(cancellationToken);
        await InterleavedRun.RunAsync(scenario, baseline, new RunPlan(settings.Duration, settings.Warmup, settings.Rounds), output.Progress, cancellationToken);
        await hooks.LoadFinishedAsync(scenario.Stats, baseline.Stats, cancellationToken);

        output.Step("Checking invariants through the API");
        var invariants = await InvariantChecker.CheckAsync(source, regions, settings.SettleTimeout, before, cancellationToken);

        var reportSettings = settings.ToReportSettings() with { Url = gateway.ToString() };
        var details = new HttpDetails(
            Encoding.UTF8.GetByteCount(sample),
            bare.BodyBytes,
            regions.Acknowledged.Count + regions.AcknowledgedPairs.Count,
            PerOperation.CpuSeconds(scenario.Stats.Usage.MachineCpu, scenario.Stats.Operations),
            PerOperation.CpuSeconds(baseline.Stats.Usage.MachineCpu, baseline.Stats.Operations),
            LatencyReport.From(baseline.Stats.Latency.Summarize()),
            settings.ParsedBaselineMix is { } mix
                ? $"the gateway with --baseline-mix {mix} on the same keys, concurrency and loop, interleaved by rounds"
                : "GET of a bare Kestrel minimal-API route in the load tester's process serializing the same JSON; the ratio is like for like with --mix read=100",
            "cpuSecondsPerOperation is the load tester's process only; machineCpuSecondsPerOperation includes the gateway");
        var report = RunReport.Create("http", reportSettings, scenario.Stats, baseline.Stats, invariants, details);
        return await output.FinishAsync(report, cancellationToken);
    }
}
