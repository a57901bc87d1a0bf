namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// The agents' sides merged into one, as if one load generator had done all of it: histograms added (exact: the
/// merged percentiles are those of every agent's values together), counts summed, the wall time the longest agent's
/// (they ran at once, so the run's throughput is all operations over that time).
/// </summary>
/// <remarks>
/// The timeline's seconds are added second by second (the agents started at one instant): counts, rates, CPU and GC
/// summed; a second's percentiles are the highest any agent had in it, an upper bound, since agents do not send a
/// histogram per second. The whole run's and each round's percentiles are exact.
/// </remarks>
public static class SideMerge
{
    public static PhaseStats Merge(IReadOnlyList<SideResult> sides)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sides.Count);
        var stats = new PhaseStats(sides[0].Name);
        var kinds = Enum.GetValues<OperationKind>().ToDictionary(k => k.ToString().ToLowerInvariant());
        foreach (var (side, agent) in sides.Select((s, i) => (s, i + 1)))
        {
            stats.Latency.Add(HistogramCodec.Decode(side.Latency, $"agent {agent}'s latency histogram"));
            foreach (var (name, encoded) in side.LatencyByKind)
            {
                var kind = kinds.TryGetValue(name, out var k) ? k : throw new InvalidDataException($"agent {agent} sent latency of an unknown operation kind '{name}'.");
                stats.LatencyByKind[(int)kind].Add(HistogramCodec.Decode(encoded, $"agent {agent}'s {name} histogram"));
            }

            stats.CountOperations(side.Operations);
            foreach (var (kind, count) in side.Errors)
            {
                stats.Errors.Add(kind, count);
            }

            foreach (var (kind, count) in side.Refusals)
            {
                stats.Refusals.Add(kind, count);
            }
        }

        stats.AddRound(TimeSpan.FromSeconds(sides.Max(s => s.ElapsedSeconds)), sides.Select(s => s.Usage.ToUsage()).Aggregate(ProcessUsage.Zero, (a, b) => a + b));
        var rounds = sides.Min(s => Math.Min(s.Rounds.Count, s.RoundLatency.Count));
        for (var r = 0; r < rounds; r++)
        {
            var histogram = LatencyRecorder.NewHistogram();
            foreach (var (side, agent) in sides.Select((s, i) => (s, i + 1)))
            {
                histogram.Add(HistogramCodec.Decode(side.RoundLatency[r], $"agent {agent}'s round {r + 1} histogram"));
            }

            var summary = LatencySummary.From(histogram);
            var seconds = sides.Max(s => s.Rounds[r].Seconds);
            var operations = sides.Sum(s => s.Rounds[r].Operations);
            var round = new RoundReport(r + 1, seconds, operations, seconds > 0 ? Math.Round(operations / seconds, 1) : 0, summary.P50, summary.P90, summary.P99);
            stats.AddTimeline(MergeSeconds([.. sides.Select(s => s.Timeline.Where(p => p.Round == r + 1).ToList())]), round, histogram);
        }

        return stats;
    }

    /// <summary>The agents' seconds of one round, added point by point.</summary>
    private static List<TimelinePoint> MergeSeconds(IReadOnlyList<List<TimelinePoint>> agents)
    {
        var merged = new List<TimelinePoint>();
        for (var i = 0; i < agents.Max(a => a.Count); i++)
        {
            var points = agents.Where(a => i < a.Count).Select(a => a[i]).ToList();
            merged.Add(points[0] with
            {
                Second = points.Max(p => p.Second),
                Seconds = points.Max(p => p.Seconds),
                Operations = points.Sum(p => p.Operations),
                ByOperation = points.SelectMany(p => p.ByOperation).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => new IntervalLatency(
                    g.Sum(o => o.Value.Count),
                    Math.Round(g.Sum(o => o.Value.PerSecond), 1),
                    g.Max(o => o.Value.P50),
                    g.Max(o => o.Value.P90),
                    g.Max(o => o.Value.P99),
                    g.Max(o => o.Value.Max))),
                CpuCores = Math.Round(points.Sum(p => p.CpuCores), 3),
                MachineCpuCores = Math.Round(points.Sum(p => p.MachineCpuCores), 3),
                Gen0 = points.Sum(p => p.Gen0),
                Gen1 = points.Sum(p => p.Gen1),
                Gen2 = points.Sum(p => p.Gen2),
                GcPauseMs = Math.Round(points.Sum(p => p.GcPauseMs), 3),
                HeapBytes = points.Sum(p => p.HeapBytes),
            });
        }

        return merged;
    }
}
