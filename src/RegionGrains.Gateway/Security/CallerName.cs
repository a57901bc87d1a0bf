using System.Buffers;
using System.Globalization;
using System.Text;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// What may identify a caller: a bearer token's <c>sub</c> or an API key's configured name. The name is written into
/// every change the caller makes (the region history's actor), the audit log and the rate limiter's partition, so it
/// must stand on one line and be told apart from every other name by eye: not blank (spaces or invisible characters
/// only), at most <see cref="MaxLength"/> characters, and without control characters, format characters (zero-width
/// and bidirectional ones make two names look alike or a line read backwards), line or paragraph separators, lone
/// surrogates, or U+FFFD (what a decoder leaves of text that was not valid: not the name the issuer meant).
/// </summary>
internal static class CallerName
{
    /// <summary>OpenID Connect's limit on a subject (255 ASCII characters), applied to API key names too.</summary>
    public const int MaxLength = 255;

    public const string Rule =
        "1 to 255 characters, not blank, without control characters, format characters (zero-width, bidirectional) or line separators";

    public static bool IsValid(string? name)
    {
        if (TextRules.IsBlank(name) || name.Length > MaxLength)
        {
            return false;
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || rune == Rune.ReplacementChar ||
                Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}
