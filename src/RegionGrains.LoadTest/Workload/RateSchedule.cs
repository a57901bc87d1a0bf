using System.Globalization;

namespace RegionGrains.LoadTest.Workload;

/// <summary>
/// When an open loop starts each operation. The rate starts at <see cref="StartRate"/> and moves linearly to each
/// stage's target over that stage (k6's ramping arrival rate); a constant rate is one endless stage. Operation k
/// (from 0) is due when the operations due so far, the integral of the rate, reach k.
/// </summary>
public sealed class RateSchedule
{
    private readonly double[] _starts;
    private readonly double[] _counts;

    private RateSchedule(double startRate, IReadOnlyList<RateStage> stages)
    {
        StartRate = startRate;
        Stages = stages;
        _starts = new double[stages.Count + 1];
        _counts = new double[stages.Count + 1];
        var rate = startRate;
        for (var i = 0; i < stages.Count; i++)
        {
            var seconds = stages[i].Duration.TotalSeconds;
            _starts[i + 1] = _starts[i] + seconds;
            _counts[i + 1] = _counts[i] + (double.IsPositiveInfinity(seconds) ? double.PositiveInfinity : (rate + stages[i].Target) / 2 * seconds);
            rate = stages[i].Target;
        }
    }

    public double StartRate { get; }

    public IReadOnlyList<RateStage> Stages { get; }

    /// <summary>The stages' whole length; infinite for a constant rate.</summary>
    public TimeSpan Duration => double.IsPositiveInfinity(_starts[^1]) ? TimeSpan.MaxValue : TimeSpan.FromSeconds(_starts[^1]);

    public bool IsConstant => Stages.Count == 1 && double.IsPositiveInfinity(Stages[0].Duration.TotalSeconds);

    public static RateSchedule Constant(double rate) => new(rate, [new RateStage(TimeSpan.MaxValue, rate)]);

    public static RateSchedule Staged(double startRate, IReadOnlyList<RateStage> stages) => new(startRate, stages);

    /// <summary>The rate at <paramref name="seconds"/> from the start; 0 after the last stage.</summary>
    public double RateAt(double seconds)
    {
        var i = Stage(seconds);
        if (i == Stages.Count)
        {
            return 0;
        }

        var from = i == 0 ? StartRate : Stages[i - 1].Target;
        var length = _starts[i + 1] - _starts[i];
        return double.IsPositiveInfinity(length) ? from : from + ((Stages[i].Target - from) * (seconds - _starts[i]) / length);
    }

    /// <summary>Operations due in the first <paramref name="seconds"/>.</summary>
    public double CountAt(double seconds)
    {
        var i = Stage(seconds);
        if (i == Stages.Count)
        {
            return _counts[^1];
        }

        var from = i == 0 ? StartRate : Stages[i - 1].Target;
        var elapsed = seconds - _starts[i];
        return _counts[i] + ((from + RateAt(seconds)) / 2 * elapsed);
    }

    /// <summary>When operation <paramref name="k"/> (from 0) is due, in seconds from the start; infinity when it never is.</summary>
    public double TimeOf(double k)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (k >= _counts[i + 1])
            {
                continue;
            }

            // Within stage i the count grows as from·t + slope/2·t²; solve for t in the form that stays exact when from is 0 or the slope is.
            var from = i == 0 ? StartRate : Stages[i - 1].Target;
            var length = _starts[i + 1] - _starts[i];
            var halfSlope = double.IsPositiveInfinity(length) ? 0 : (Stages[i].Target - from) / length / 2;
            var remaining = k - _counts[i];
            var root = Math.Sqrt(Math.Max(0, (from * from) + (4 * halfSlope * remaining)));
            return _starts[i] + (remaining <= 0 ? 0 : 2 * remaining / (from + root));
        }

        return double.PositiveInfinity;
    }

    /// <summary>Reads <c>30s:1000,60s:10000,30s:0</c>: each stage's duration and the rate it ends at.</summary>
    public static bool TryParseStages(string? text, out IReadOnlyList<RateStage> stages, out string error)
    {
        var parsed = new List<RateStage>();
        stages = parsed;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no stage given; write DURATION:TARGET stages separated by commas, e.g. 30s:1000,60s:10000,30s:0.";
            return false;
        }

        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            if (parts.Length != 2)
            {
                error = $"'{item}' is not DURATION:TARGET (e.g. 30s:1000).";
                return false;
            }

            if (!DurationConverter.TryParse(parts[0], out var duration) || duration <= TimeSpan.Zero)
            {
                error = $"'{item}': '{parts[0]}' is not a duration above 0; write e.g. 500ms, 30s, 2m.";
                return false;
            }

            if (!double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var target) || target > LoadSettings.MaxRate)
            {
                error = $"'{item}': '{parts[1]}' is not a rate from 0 to {LoadSettings.MaxRate:0} operations per second.";
                return false;
            }

            parsed.Add(new RateStage(duration, target));
        }

        return true;
    }

    /// <summary>The stages as the command line takes them.</summary>
    public override string ToString() => IsConstant
        ? StartRate.ToString("0.###", CultureInfo.InvariantCulture) + "/s"
        : string.Join(',', Stages.Select(s => $"{DurationConverter.Format(s.Duration)}:{s.Target.ToString("0.###", CultureInfo.InvariantCulture)}"));

    /// <summary>The stage <paramref name="seconds"/> falls in, or the number of stages once past the last.</summary>
    private int Stage(double seconds)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (seconds < _starts[i + 1])
            {
                return i;
            }
        }

        return Stages.Count;
    }
}
