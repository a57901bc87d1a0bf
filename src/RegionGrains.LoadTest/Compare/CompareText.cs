using System.Globalization;

namespace RegionGrains.LoadTest.Compare;

/// <summary>How a comparison's figures and verdict read, on the console and in HTML alike.</summary>
public static class CompareText
{
    public static string Overall(RunComparison comparison, double maxRegression)
    {
        var past = comparison.RegressionsPast(maxRegression).ToList();
        if (past.Count > 0)
        {
            return $"regression past --max-regression {Percent(maxRegression)[1..]}: {string.Join(", ", past.Select(m => $"{m.Metric} {Percent(m.Change)}"))}";
        }

        var changed = comparison.Metrics.Where(m => m.Verdict is Verdict.Improvement or Verdict.Regression).ToList();
        var unjudged = comparison.Metrics.Where(m => m.Verdict == Verdict.NotJudged).Select(m => m.Metric).ToList();
        var notJudged = unjudged.Count == 0 ? "" : $" ({string.Join(", ", unjudged)} not judged)";
        return changed.Count == 0
            ? "no change: every difference is within the runs' own spread between rounds" + notJudged
            : string.Join(", ", changed.Select(m => $"{m.Metric} {m.VerdictText} {Percent(m.Change)}")) + notJudged;
    }

    public static string Value(double value, string unit) =>
        value.ToString(unit == "ops/s" ? "N0" : "0.###", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "");

    /// <summary>A signed percentage: +12.3 %, -4 %.</summary>
    public static string Percent(double fraction) => double.IsNaN(fraction)
        ? " n/a"
        : (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
