using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Thresholds;

/// <summary>
/// How a run met one <c>--threshold</c>. <see cref="Passed"/> is null when the run does not measure what the
/// threshold names: that is reported "not applicable" and, unlike an invariant that does not apply, fails the run,
/// because the operator asked for the check (a misspelt operation kind must not pass).
/// </summary>
public sealed record ThresholdResult(string Threshold, bool? Passed, double? Measured, string Unit, string Detail)
{
    /// <summary>"passed", "failed" or "not applicable", as the report and the console say it.</summary>
    public string Outcome => Passed switch
    {
        true => "passed",
        false => "failed",
        null => "not applicable",
    };

    /// <summary>False when the threshold failed or did not apply.</summary>
    [JsonIgnore]
    public bool Held => Passed is true;
}
