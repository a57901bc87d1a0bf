using System.Reflection;
using System.Text.Json;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// The coordinator-to-agent protocol: JSON over plain HTTP on a small Kestrel endpoint the agent hosts (docs/load-testing.md,
/// "Several load machines", says why). One run at a time per agent, in three calls the coordinator makes to every agent
/// in turn: prepare (the agent parses its command line, connects and creates its regions, then answers), start (the
/// agent waits for the instant given, loads, and answers with its measurements when it stops), check (the agent checks
/// its invariants once every agent has stopped, and answers with them).
/// </summary>
public static class AgentProtocol
{
    /// <summary>Bumped when a message changes shape; agent and coordinator must agree on it and on <see cref="ToolVersion"/>.</summary>
    public const int Version = 1;

    /// <summary>The header carrying <c>--token</c>, as <c>Authorization: Bearer TOKEN</c>.</summary>
    public const string TokenScheme = "Bearer";

    /// <summary>The environment variable read when <c>--token</c> (agent) or <c>--agent-token</c> (coordinator) is not given.</summary>
    public const string TokenVariable = "REGIONGRAINS_AGENT_TOKEN";

    public const string HelloPath = "v1/agent";
    public const string RunsPath = "v1/runs";

    /// <summary>The load tester's build: its informational version (with the commit when it was built from one).</summary>
    public static string ToolVersion { get; } =
        typeof(AgentProtocol).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The serializer options of every message (the report's: camelCase, enums as strings).</summary>
    public static JsonSerializerOptions Json => ReportWriter.Json;
}

/// <summary><c>GET /v1/agent</c>: who the agent is, its clock (for the start instant) and whether a run holds it.</summary>
public sealed record AgentHello(int Protocol, string Version, double UtcNowUnixMs, bool Busy);

/// <summary><c>POST /v1/runs</c>: the command line this agent runs (its share: see <see cref="AgentArguments"/>).</summary>
public sealed record PrepareRequest(int Protocol, string Version, string Command, IReadOnlyList<string> Arguments);

/// <summary>The answer to a prepare, once the agent is ready to start.</summary>
public sealed record PrepareAnswer(string RunId);

/// <summary><c>POST /v1/runs/{id}/start</c>: when to start, in the agent's own clock (the coordinator corrects for its offset).</summary>
public sealed record StartRequest(double StartAtUnixMs);

/// <summary>The answer to a start, once the agent stopped loading: each side's measurements.</summary>
public sealed record LoadResult(SideResult Scenario, SideResult? Baseline, double StartedLateMs);

/// <summary>The answer to <c>POST /v1/runs/{id}/check</c>: the invariants over the agent's regions, and its own summary.</summary>
public sealed record CheckResult(InvariantResults Invariants, AgentSummary Summary);

/// <summary>What an agent's own report said, for the run's per-agent breakdown.</summary>
public sealed record AgentSummary(
    long Operations,
    double ThroughputPerSecond,
    LatencyReport LatencyMs,
    BaselineReport? Baseline,
    double? RatioToBaseline,
    IReadOnlyDictionary<string, long> Errors,
    bool InvariantsPassed,
    string? CommandLine,
    JsonElement? Details)
{
    public static AgentSummary From(RunReport report) => new(
        report.Operations,
        report.ThroughputPerSecond,
        report.LatencyMs,
        report.Baseline,
        report.RatioToBaseline,
        report.Errors,
        report.Passed,
        report.CommandLine,
        report.Details is null ? null : JsonSerializer.SerializeToElement(report.Details, report.Details.GetType(), AgentProtocol.Json));
}

/// <summary>An agent's refusal or failure: what went wrong in one line, the exit code its run ended with, and its last output.</summary>
public sealed record AgentProblem(string Error, int? ExitCode = null, string? Output = null);
