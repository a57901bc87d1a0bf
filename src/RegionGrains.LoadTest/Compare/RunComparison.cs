using System.Text.Json;

namespace RegionGrains.LoadTest.Compare;

/// <summary>
/// Two reports side by side: throughput, p50, p99 and the ratio to the baseline, each run's figure being the median
/// of its rounds. A change counts only when it exceeds both runs' own spread between rounds: two runs of one build
/// differ by about that much on their own; and it must exceed a floor (<c>--min-change</c>), since two or three
/// rounds can agree by chance more closely than runs do. A run of one round has no spread: only the floor applies.
/// </summary>
public sealed record RunComparison(string Before, string After, IReadOnlyList<MetricComparison> Metrics, IReadOnlyList<string> Notes)
{
    public static RunComparison Of(string beforeName, JsonElement before, string afterName, JsonElement after, double minChange)
    {
        var metrics = new List<MetricComparison>();
        Add(metrics, "throughput", "ops/s", true, before, after, minChange, r => r.GetProperty("throughputPerSecond").GetDouble(), round => round.GetProperty("throughputPerSecond").GetDouble());
        Add(metrics, "p50", "ms", false, before, after, minChange, r => r.GetProperty("latencyMs").GetProperty("p50").GetDouble(), round => round.GetProperty("p50").GetDouble());
        metrics[^1] = metrics[^1] with { NotJudged = TooFew(before, after, 50) };
        Add(metrics, "p99", "ms", false, before, after, minChange, r => r.GetProperty("latencyMs").GetProperty("p99").GetDouble(), round => round.GetProperty("p99").GetDouble());
        metrics[^1] = metrics[^1] with { NotJudged = TooFew(before, after, 99) };
        var ratioBefore = Ratios(before);
        var ratioAfter = Ratios(after);
        if (ratioBefore.Count > 0 && ratioAfter.Count > 0)
        {
            metrics.Add(Compare("ratio to baseline", "", true, ratioBefore, ratioAfter, minChange));
        }

        return new RunComparison(beforeName, afterName, metrics, [.. NotesOn(before, after, ratioBefore.Count > 0 && ratioAfter.Count > 0), .. metrics.Select(m => m.NotJudged).OfType<string>()]);
    }

    /// <summary>Every metric whose verdict is a regression larger than <paramref name="maxRegression"/> (a fraction).</summary>
    public IEnumerable<MetricComparison> RegressionsPast(double maxRegression) => Metrics.Where(m => m.RegressedPast(maxRegression));

    private static void Add(
        List<MetricComparison> metrics, string name, string unit, bool higherIsBetter, JsonElement before, JsonElement after, double minChange,
        Func<JsonElement, double> whole, Func<JsonElement, double> round) =>
        metrics.Add(Compare(name, unit, higherIsBetter, Values(before, whole, round), Values(after, whole, round), minChange));

    private static MetricComparison Compare(string name, string unit, bool higherIsBetter, IReadOnlyList<double> before, IReadOnlyList<double> after, double minChange)
    {
        var (b, a) = (Median(before), Median(after));
        var change = b == 0 ? (a == 0 ? 0 : double.NaN) : (a / b) - 1;
        return new MetricComparison(name, unit, higherIsBetter, b, a, Math.Round(change, 4), Math.Round(Math.Max(minChange, Math.Max(Spread(before), Spread(after))), 4), before, after);
    }

    /// <summary>
    /// Why a percentile cannot be judged: a round with fewer than 10 operations beyond it (1,000 for p99) gives an
    /// estimate that moves by a whole operation's latency from one round to the next. Null when every round has enough.
    /// </summary>
    private static string? TooFew(JsonElement before, JsonElement after, double percentile)
    {
        var needed = (long)Math.Ceiling(10 / (1 - (percentile / 100)));
        var fewest = new[] { before, after }.Min(r => Values(r, w => w.GetProperty("operations").GetInt64(), round => round.GetProperty("operations").GetInt64()).Min());
        return fewest < needed ? $"p{percentile} not judged: a round of {fewest:N0} operations, fewer than the {needed:N0} that leave 10 beyond it" : null;
    }

    /// <summary>The scenario's rounds; a report without rounds gives its one figure for the whole run.</summary>
    private static List<double> Values(JsonElement report, Func<JsonElement, double> whole, Func<JsonElement, double> round) =>
        report.TryGetProperty("rounds", out var rounds) && rounds.ValueKind == JsonValueKind.Object && rounds.GetProperty("scenario").GetArrayLength() > 0
            ? [.. rounds.GetProperty("scenario").EnumerateArray().Select(round)]
            : [whole(report)];

    private static List<double> Ratios(JsonElement report)
    {
        if (report.TryGetProperty("rounds", out var rounds) && rounds.ValueKind == JsonValueKind.Object
            && rounds.TryGetProperty("ratioToBaseline", out var byRound) && byRound.ValueKind == JsonValueKind.Array)
        {
            return [.. byRound.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Number).Select(r => r.GetDouble())];
        }

        return report.TryGetProperty("ratioToBaseline", out var ratio) && ratio.ValueKind == JsonValueKind.Number ? [ratio.GetDouble()] : [];
    }

    private static List<string> NotesOn(JsonElement before, JsonElement after, bool ratios)
    {
        var notes = new List<string>();
        var (scenarioBefore, scenarioAfter) = (before.GetProperty("scenario").GetString(), after.GetProperty("scenario").GetString());
        if (scenarioBefore != scenarioAfter)
        {
            notes.Add($"the runs are of different scenarios ({scenarioBefore}, {scenarioAfter})");
        }

        var differing = before.GetProperty("settings").EnumerateObject()
            .Where(p => !after.GetProperty("settings").TryGetProperty(p.Name, out var other) || other.GetRawText() != p.Value.GetRawText())
            .Select(p => p.Name)
            .ToList();
        if (differing.Count > 0)
        {
            notes.Add($"settings differ: {string.Join(", ", differing)}");
        }

        if (Values(before, _ => 0, _ => 0).Count < 2 || Values(after, _ => 0, _ => 0).Count < 2)
        {
            notes.Add("a run of one round has no spread to judge noise by: any change past --min-change counts (run with --rounds 2 or more)");
        }

        if (!ratios)
        {
            notes.Add("no ratio to baseline in both runs");
        }

        return notes;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The range of the rounds relative to their median: how far two rounds of the same run differ.</summary>
    private static double Spread(IReadOnlyList<double> values)
    {
        var median = Median(values);
        return values.Count < 2 || median == 0 ? 0 : (values.Max() - values.Min()) / Math.Abs(median);
    }
}
