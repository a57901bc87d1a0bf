using System.Text;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Values that look right and are not, each with what makes it wrong, for the strictness probes: numbers with
/// something after them, entity-tag lists off RFC 9110's grammar, language codes of the right shape that are no
/// language, text made only of characters that show nothing, names that would forge a log line.
/// </summary>
public sealed partial class HostileValues
{
    /// <summary>What may follow a number and must not be taken as part of it, or ignored.</summary>
    private static readonly string[] NumberTails = ["\0", "\0\0", "\0x", " ", "\t", "\n", "x", "\u00a0", "\u0661", "+", ".0", "e0", "%", "\u200B", ",1"];

    /// <summary>Invisible characters: white space, format characters (Cf) and the other code points that render as nothing.</summary>
    private static readonly string[] Invisibles =
    [
        " ", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
        "\u2068", "\u2069", "\u00AD", "\u180E", "\u034F", "\uFE0F", "\u3164", "\u2800", "\u200E", "\u200F", "\u061C", "\U000E0020", "\U000E0101",
    ];

    /// <summary>ISO 639-1 codes, for the valid side of the language probes.</summary>
    private static readonly string[] KnownLanguages = ["en", "de", "fr", "es", "id", "ms", "ja", "zh", "ar", "pt", "sw", "qu", "xh", "yo", "zu", "wa", "jv"];

    /// <summary>
    /// The letters ISO 639-1 uses after each of these first letters (q only in qu, x only in xh, and so on), so that
    /// any other second letter gives a code of the right shape that is no language.
    /// </summary>
    private static readonly Dictionary<char, string> SparseFirstLetters = new()
    {
        ['q'] = "u", ['x'] = "h", ['z'] = "ahu", ['j'] = "av", ['w'] = "ao", ['y'] = "io", ['u'] = "gkrz", ['d'] = "aevz",
    };

    /// <summary>The seed of a generated run: HOSTILE_SEED when set (to replay a failure), else a new one.</summary>
    public static int SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SEED"), System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : Random.Shared.Next();

    /// <summary>A valid number followed by something that is not part of it.</summary>
    public string NumberWithTail(string number) => number + Pick(NumberTails);

    /// <summary>1 to 6 invisible characters, and nothing else.</summary>
    public string InvisibleText() => string.Concat(Enumerable.Range(0, Random.Next(1, 7)).Select(_ => Pick(Invisibles)));

    /// <summary>A language code: an ISO 639-1 code (valid), or two lowercase letters that are none (not valid).</summary>
    public (string Code, bool Valid) LanguageCode()
    {
        if (Chance(0.4))
        {
            return (Pick(KnownLanguages), true);
        }

        var first = Pick(SparseFirstLetters.Keys.ToArray());
        var used = SparseFirstLetters[first];
        var second = Pick("abcdefghijklmnopqrstuvwxyz".Where(c => !used.Contains(c)).ToArray());
        return ($"{first}{second}", false);
    }

    /// <summary>An entity-tag list that RFC 9110's grammar refuses, built by breaking a valid list in one place.</summary>
    public string MalformedEntityTags()
    {
        var version = Random.Next(1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var valid = $"\"{version}\"";
        return Random.Next(12) switch
        {
            0 => $"w/{valid}",
            1 => $"W /{valid}",
            2 => $"W/ {valid}",
            3 => $"\"{version} {version}\"",
            4 => $"\"{version}{Pick(["\u007F", "\u0001", "\t", "\u0100", "\u2028", "\""])}\"",
            5 => Pick(["*, ", "*,*", $"{valid}, *"]) + (Chance(0.5) ? valid : string.Empty),
            6 => version,
            7 => $"\"{version}",
            8 => $"{valid} {valid}",
            9 => $"{valid};{valid}",
            10 => Pick([",", " , ", "\"\"x", "W/", "*x", "'1'"]),
            _ => $"{valid}, {Pick(["w/", "W/ ", "x"])}\"{version}\"",
        };
    }

    /// <summary>A caller name that must be refused: blank, invisible, or carrying a character that breaks or disguises a line.</summary>
    public string UnusableCallerName()
    {
        var name = Pick(["alice", "ops-bot", "Zoë"]);
        return Random.Next(5) switch
        {
            0 => Chance(0.5) ? string.Empty : InvisibleText(),
            1 => name + Pick(["\r\n", "\n", "\r", "\0", "\u007F", "\u0085", "\u001b[31m", "\u2028", "\u2029"]) + Pick(["info: forged", "warn: x", string.Empty]),
            2 => Insert(name, Pick(["\u200B", "\u200D", "\u2060", "\uFEFF", "\u202E", "\u2066", "\u00AD"])),
            3 => new string('a', Random.Next(256, 400)),
            _ => Insert(name, Pick(["\uD800", "\uDC00"])),
        };
    }

    /// <summary>A caller name that must be taken as it is.</summary>
    public string UsableCallerName() => Pick(["alice", "auth0|5f7c8ec7c33c6c004bbafe82", "Zoë Ångström", "東京-operator", "svc:nightly report", "a", new string('b', 255), "🚀 rocket"]);

    private string Insert(string text, string inserted)
    {
        var at = Random.Next(text.Length + 1);
        return new StringBuilder(text).Insert(at, inserted).ToString();
    }
}
