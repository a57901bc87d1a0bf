using System.Text.Json;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>
/// One agent's share of a run with <c>--agents</c>, as the agent measured it: the report's per-agent breakdown. The
/// run's own figures are the agents' merged (histograms added, counts summed), not these averaged.
/// </summary>
/// <param name="Agent">The agent's address.</param>
/// <param name="Version">The load tester's version it ran.</param>
/// <param name="ClockOffsetMs">Its clock minus the coordinator's, as estimated from one exchange (the start instant was corrected by it).</param>
/// <param name="RoundTripMs">The exchange's round trip, the offset's uncertainty.</param>
/// <param name="StartedLateMs">How late after the start instant the agent began (by its own clock).</param>
/// <param name="Operations">Operations it completed.</param>
/// <param name="ThroughputPerSecond">Its throughput.</param>
/// <param name="LatencyMs">Its latency.</param>
/// <param name="Baseline">Its baseline's throughput.</param>
/// <param name="RatioToBaseline">Its ratio to its baseline.</param>
/// <param name="Errors">Its faults by kind.</param>
/// <param name="InvariantsPassed">Its invariant checks held.</param>
/// <param name="CommandLine">The command line it ran, its share written out.</param>
/// <param name="Details">Its own scenario details.</param>
public sealed record AgentReport(
    string Agent,
    string Version,
    double ClockOffsetMs,
    double RoundTripMs,
    double StartedLateMs,
    long Operations,
    double ThroughputPerSecond,
    LatencyReport LatencyMs,
    BaselineReport? Baseline,
    double? RatioToBaseline,
    IReadOnlyDictionary<string, long> Errors,
    bool InvariantsPassed,
    string? CommandLine,
    JsonElement? Details);

/// <summary>The details of a run with <c>--agents</c>: how the load was split and merged. Each agent's own are in <see cref="AgentReport.Details"/>.</summary>
/// <param name="Agents">How many agents ran.</param>
/// <param name="BaselineLatencyMs">The baseline's latency, the agents' histograms merged.</param>
/// <param name="Split">How the load was split.</param>
/// <param name="Merge">How the figures were merged.</param>
public sealed record AgentRunDetails(int Agents, LatencyReport? BaselineLatencyMs, string Split, string Merge);
