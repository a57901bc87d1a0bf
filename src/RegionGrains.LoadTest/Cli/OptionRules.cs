using System.Globalization;

namespace RegionGrains.LoadTest.Cli;

/// <summary>
/// The bounds of the load tester's numeric and duration options, each kind worded once for every command, so that a
/// refusal reads the same whichever command gives it: <c>--NAME must be from MIN to MAX.</c> for a number or a
/// duration with a lower bound, <c>--NAME must be above 0 and at most MAX.</c> for one that must be positive. Each
/// rule answers null when the value fits, or the message; a command's <c>Validate</c> passes its rules, in the order
/// it wants them reported, to <see cref="FirstError"/>.
/// </summary>
public static class OptionRules
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static string? Within(string option, long value, long min, long max) =>
        value < min || value > max ? FromTo(option, Number(min), Number(max), unit: null) : null;

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included (never NaN), in <paramref name="unit"/> when given.</summary>
    public static string? Within(string option, double value, double min, double max, string? unit = null) =>
        double.IsNaN(value) || value < min || value > max ? FromTo(option, Number(min), Number(max), unit) : null;

    /// <summary>A duration from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static string? Within(string option, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min || value > max ? FromTo(option, Duration(min), Duration(max), unit: null) : null;

    /// <summary>A number above 0 and at most <paramref name="max"/> (never NaN), in <paramref name="unit"/> when given.</summary>
    public static string? Positive(string option, double value, double max, string? unit = null) =>
        double.IsNaN(value) || value <= 0 || value > max ? AboveZero(option, Number(max), unit) : null;

    /// <summary>A duration above 0 and at most <paramref name="max"/>.</summary>
    public static string? Positive(string option, TimeSpan value, TimeSpan max) =>
        value <= TimeSpan.Zero || value > max ? AboveZero(option, Duration(max), unit: null) : null;

    /// <summary>The first of <paramref name="errors"/> that is not null, as Spectre's refusal; success when all are null.</summary>
    public static ValidationResult FirstError(params ReadOnlySpan<string?> errors)
    {
        foreach (var error in errors)
        {
            if (error is not null)
            {
                return ValidationResult.Error(error);
            }
        }

        return ValidationResult.Success();
    }

    private static string FromTo(string option, string min, string max, string? unit) =>
        $"{option} must be from {min} to {max}{Unit(unit)}.";

    private static string AboveZero(string option, string max, string? unit) =>
        $"{option} must be above 0 and at most {max}{Unit(unit)}.";

    private static string Unit(string? unit) => unit is null ? string.Empty : " " + unit;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan value) => value == TimeSpan.Zero ? "0" : DurationConverter.Format(value);
}
