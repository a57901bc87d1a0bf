using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// What counts as blank in free text, for every field that takes it (display names, reasons, support hours) and for
/// the caller's name: text a person would see as empty is blank, whatever code points it is made of.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Whether <paramref name="text"/> is missing or shows nothing: only white space, control characters and invisible
    /// characters (<see cref="IsInvisible"/>). "\u200B\u202E" is as blank as "  ": accepting it would store a name
    /// or reason nobody can read.
    /// </summary>
    public static bool IsBlank([NotNullWhen(false)] string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="rune"/> renders as nothing: white space, control characters, every format character
    /// (Unicode category Cf: zero-width space, non-joiner and joiner, word joiner, byte order mark, bidirectional
    /// embeddings, overrides and isolates, soft hyphen, tags), and the few other code points that render empty:
    /// the combining grapheme joiner, variation selectors, Hangul fillers, Khmer inherent vowels, the braille blank.
    /// A lone surrogate is not invisible (it decodes as U+FFFD); the text rules refuse it on their own.
    /// </summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune) ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format ||
        rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2800 or 0x3164 or 0xFFA0
            or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    /// <summary>
    /// Whether <paramref name="text"/> has a control character (a newline in a log line or a header is how injection
    /// starts) or a lone surrogate (it cannot be encoded as UTF-8, so it would not come back as it was sent).
    /// </summary>
    public static bool HasControlOrLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
