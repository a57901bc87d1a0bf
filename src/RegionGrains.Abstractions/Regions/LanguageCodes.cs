using System.Collections.Frozen;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// The ISO 639-1 language codes in force (183; the withdrawn bh, in, iw, ji, mo and sh are not among them),
/// written out rather than read from <c>CultureInfo</c>: the processes run with invariant globalization, where
/// <c>CultureInfo</c> knows no languages, and a list in the code gives the gateway and every silo the same answer.
/// </summary>
public static class LanguageCodes
{
    private static readonly FrozenSet<string> Codes = FrozenSet.Create(
        StringComparer.Ordinal,
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn",
        "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el",
        "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv",
        "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it",
        "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
        "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
        "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa",
        "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
        "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn",
        "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo",
        "za", "zh", "zu");

    /// <summary>Whether <paramref name="code"/> is an ISO 639-1 code, written in lowercase as the standard does.</summary>
    public static bool IsIso6391(string? code) => code is { Length: 2 } && Codes.Contains(code);
}
