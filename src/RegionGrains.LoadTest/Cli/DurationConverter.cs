using System.ComponentModel;
using System.Globalization;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Reads durations as people write them: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, a bare number of seconds, or <c>hh:mm:ss</c>.</summary>
public sealed class DurationConverter : TypeConverter
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration; write e.g. 500ms, 30s, 2m or 1h.")
            : base.ConvertFrom(context, culture, value);

    /// <summary>A duration as people write it, in the largest unit that holds it whole: <c>30s</c>, <c>2m</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var (suffix, seconds) = Units.Reverse().FirstOrDefault(u => duration.TotalSeconds % u.Seconds == 0 && duration.TotalSeconds >= u.Seconds, Units[0]);
        return (duration.TotalSeconds / seconds).ToString("0.###", CultureInfo.InvariantCulture) + suffix;
    }

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim().ToLowerInvariant();
        foreach (var (suffix, seconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                duration = TimeSpan.FromSeconds(amount * seconds);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
        {
            duration = TimeSpan.FromSeconds(plain);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
