using System.Buffers;
using System.Globalization;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// Numbers in query strings and headers, read strictly: the whole value is the number, nothing before or after it. .NET's own
/// parsers ignore trailing NUL characters (<c>int.Parse("5\0")</c> is 5), so a value is first checked to hold only
/// the characters a number of its kind is written with, and only then parsed.
/// </summary>
internal static class StrictNumbers
{
    private static readonly SearchValues<char> DecimalCharacters = SearchValues.Create("+-.0123456789");

    /// <summary>A whole number of ASCII digits only (no sign, no spaces) within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static bool TryParseInt32(string? text, int min, int max, out int value)
    {
        value = 0;
        return IsDigits(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>A whole number of ASCII digits only (no sign, no spaces) within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static bool TryParseInt64(string? text, long min, long max, out long value)
    {
        value = 0;
        return IsDigits(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>A decimal number: an optional sign, ASCII digits and a decimal point; no exponent, no spaces.</summary>
    public static bool TryParseDecimalDouble(string? text, out double value)
    {
        value = 0;
        return text is { Length: > 0 } && !text.AsSpan().ContainsAnyExcept(DecimalCharacters) &&
            double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsDigits(string? text) => text is { Length: > 0 } && !text.AsSpan().ContainsAnyExceptInRange('0', '9');
}
