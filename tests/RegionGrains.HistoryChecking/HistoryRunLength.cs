using System.Globalization;

namespace RegionGrains.HistoryChecking;

/// <summary>
/// How long a recorded run lasts: <c>REGIONGRAINS_HISTORY_SECONDS</c> when it is set (the long runs of
/// docs/consistency.md, minutes and over 10,000 operations per schedule), else the short default a suite chooses.
/// </summary>
public static class HistoryRunLength
{
    public const string Variable = "REGIONGRAINS_HISTORY_SECONDS";

    /// <summary>The seconds asked for in <see cref="Variable"/>, or null when it is not set.</summary>
    public static int? Requested =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : null;

    /// <summary>Whether a long run was asked for.</summary>
    public static bool IsLong => Requested is not null;

    /// <summary>The requested length, or <paramref name="shortDefault"/>.</summary>
    public static TimeSpan Or(TimeSpan shortDefault) => Requested is { } seconds ? TimeSpan.FromSeconds(seconds) : shortDefault;
}
