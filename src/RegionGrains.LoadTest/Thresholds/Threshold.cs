using System.Globalization;
using System.Text.RegularExpressions;

namespace RegionGrains.LoadTest.Thresholds;

/// <summary>
/// A condition the report of a run must meet, written as <c>p99&lt;20ms</c>, <c>read.p99&lt;5ms</c>,
/// <c>ratio&gt;=0.5</c> or <c>errors==0</c>. <see cref="Limit"/> is in the unit the report uses for the metric:
/// milliseconds for latencies.
/// </summary>
public sealed partial record Threshold(string Text, OperationKind? Operation, ThresholdMetric Metric, ThresholdComparison Comparison, double Limit)
{
    /// <summary>The grammar as the help and the docs explain it.</summary>
    public const string Grammar =
        "A threshold is METRIC OP NUMBER, e.g. p99<20ms, ratio>=0.5 or errors==0; quote it, for < and > are the shell's. " +
        "METRIC is a latency (p50, p90, p99, p999, max or mean; NUMBER in us, ms or s, ms when bare), " +
        "of one operation kind when prefixed with it (read.p99<5ms; any kind --mix takes); " +
        "ratio (throughput against the baseline of the same run); errors (faults counted); " +
        "or throughput, also rps (operations per second). OP is <, <=, >, >= or ==. " +
        "After the run each is checked against the report: one that fails fails the run (exit 3), and so does one " +
        "the run does not measure (ratio without a baseline, an operation kind the mix lacks), reported not applicable, " +
        "so that a typo cannot pass.";

    private static readonly Dictionary<string, ThresholdMetric> Metrics = new(StringComparer.Ordinal)
    {
        ["p50"] = ThresholdMetric.P50,
        ["p90"] = ThresholdMetric.P90,
        ["p99"] = ThresholdMetric.P99,
        ["p999"] = ThresholdMetric.P999,
        ["max"] = ThresholdMetric.Max,
        ["mean"] = ThresholdMetric.Mean,
        ["ratio"] = ThresholdMetric.Ratio,
        ["errors"] = ThresholdMetric.Errors,
        ["throughput"] = ThresholdMetric.Throughput,
        ["rps"] = ThresholdMetric.Throughput,
    };

    private static readonly Dictionary<string, ThresholdComparison> Comparisons = new(StringComparer.Ordinal)
    {
        ["<"] = ThresholdComparison.Less,
        ["<="] = ThresholdComparison.LessOrEqual,
        [">"] = ThresholdComparison.Greater,
        [">="] = ThresholdComparison.GreaterOrEqual,
        ["=="] = ThresholdComparison.Equal,
    };

    /// <summary>Milliseconds in one of each latency unit.</summary>
    private static readonly Dictionary<string, double> LatencyUnits = new(StringComparer.Ordinal)
    {
        [""] = 1,
        ["us"] = 0.001,
        ["µs"] = 0.001,
        ["ms"] = 1,
        ["s"] = 1000,
    };

    public bool IsLatency => Metric <= ThresholdMetric.Mean;

    /// <summary>The unit the report gives the metric in, for people.</summary>
    public string Unit => Metric switch
    {
        <= ThresholdMetric.Mean => "ms",
        ThresholdMetric.Ratio => "x baseline",
        ThresholdMetric.Errors => "errors",
        _ => "ops/s",
    };

    public string Symbol => Comparisons.First(c => c.Value == Comparison).Key;

    public bool IsMetBy(double measured) => Comparison switch
    {
        ThresholdComparison.Less => measured < Limit,
        ThresholdComparison.LessOrEqual => measured <= Limit,
        ThresholdComparison.Greater => measured > Limit,
        ThresholdComparison.GreaterOrEqual => measured >= Limit,
        _ => measured == Limit,
    };

    public static Threshold Parse(string text) =>
        TryParse(text, out var threshold, out var error) ? threshold : throw new FormatException(error);

    public static bool TryParse(string? text, out Threshold threshold, out string error)
    {
        threshold = null!;
        var match = Shape().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = "it is not METRIC OP NUMBER; write e.g. p99<20ms, ratio>=0.5 or errors==0.";
            return false;
        }

        var (kindText, metricText, comparisonText, number, unit) = (
            match.Groups["kind"].Value, match.Groups["metric"].Value.ToLowerInvariant(), match.Groups["op"].Value,
            match.Groups["number"].Value, match.Groups["unit"].Value.ToLowerInvariant());
        if ($"{kindText}.{metricText}" == "p99.9")
        {
            error = "write p99.9 as p999.";
            return false;
        }

        OperationKind? kind = null;
        if (kindText.Length > 0)
        {
            if (!Enum.TryParse<OperationKind>(kindText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(kindText[0]))
            {
                error = $"'{kindText}' is not an operation kind; use one of {OperationMix.KindNames}.";
                return false;
            }

            kind = parsed;
        }

        if (!Metrics.TryGetValue(metricText, out var metric))
        {
            error = $"'{metricText}' is not a metric; use p50, p90, p99, p999, max, mean, ratio, errors, throughput or rps.";
            return false;
        }

        var latency = metric <= ThresholdMetric.Mean;
        if (kind is not null && !latency)
        {
            error = $"an operation kind ({kindText}.) applies to latencies only (p50, p90, p99, p999, max, mean), not to {metricText}.";
            return false;
        }

        if (!Comparisons.TryGetValue(comparisonText, out var comparison))
        {
            error = $"'{comparisonText}' is not a comparison; use <, <=, >, >= or ==.";
            return false;
        }

        if (number.Length == 0)
        {
            error = $"there is no number after {comparisonText}.";
            return false;
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var limit))
        {
            error = $"'{number}{unit}' is not a number of 0 or more{(latency ? " with an optional unit (us, ms, s)" : "")}.";
            return false;
        }

        if (latency && !LatencyUnits.ContainsKey(unit))
        {
            error = $"'{unit}' is not a latency unit; use us, ms or s.";
            return false;
        }

        if (!latency && unit.Length > 0)
        {
            error = $"{metricText} is a plain number, without a unit such as '{unit}'.";
            return false;
        }

        threshold = new Threshold(text!.Trim(), kind, metric, comparison, latency ? limit * LatencyUnits[unit] : limit);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// [kind.]metric, an operator, a number, a unit; loose enough that each part can be refused with its own reason.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:(?<kind>[^.\s<>=!]+)\.)?(?<metric>[^.\s<>=!]+)\s*(?<op>[<>=!]+)\s*(?<number>[^a-zA-Zµ\s]*)\s*(?<unit>[a-zA-Zµ]*)\s*$")]
    private static partial Regex Shape();
}
