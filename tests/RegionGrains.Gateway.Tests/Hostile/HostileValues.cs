using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Values a careless or hostile caller sends, drawn from a seeded <see cref="Random"/> so a failure replays:
/// control and Unicode characters, trailing newlines, extreme and fractional numbers, wrong JSON types.
/// </summary>
public sealed partial class HostileValues(Random random)
{
    private static readonly string[] Texts =
    [
        "", " ", "\t", "x", "Paris", "São Paulo", "東京", "🚀🔥", "\u202Eevil", "e\u0301", "a\u0000b", "line\n", "line\r\n", "\n",
        "\u001b[31m", "\u007f", "\u0085", "\u2028", "\ud800", "\udc00x", "%00", "%0A", "../../etc/passwd", "<script>alert(1)</script>",
        "'; DROP TABLE regions; --", "{0}", "%s%n", "null", "true", "-1", "1e400", "*", ",", "Online,Launching", "0x10",
    ];

    private static readonly string[] EnumLike =
    [
        "Planned", "UnderConstruction", "Launching", "Online", "Degraded", "Maintenance", "Offline", "Decommissioned",
        "Americas", "Europe", "AsiaPacific", "MiddleEast", "Africa", "online", "ONLINE", " Online", "Online ", "Online\n",
        "3", "-1", "99", "UnderConstruction,Launching", "Online, Degraded", "Europe,Africa", "1,2", "", "Sleeping",
    ];

    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "2", "100", "1000000000000", "1000000000001", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1.5", "-0", "1e3", "1e12", "1e308", "1E+400",
        "0.0000001", "90", "-90.0001", "180.5", "\"5\"", "true", "null", "[]", "{}", "NaN", "Infinity", "01", "+1",
    ];

    public Random Random { get; } = random;

    /// <summary>
    /// When set (per request), values are mostly the valid ones offered, so that enough requests are accepted for
    /// the state to change, and refusals come from one odd field among valid ones.
    /// </summary>
    public bool Tame { get; set; }

    public bool Chance(double p) => Random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>A string built from the hostile list, sometimes long, sometimes glued to a valid prefix.</summary>
    public string Text(string? valid = null) => Tame && valid is not null && Chance(0.9) ? valid : Random.Next(8) switch
    {
        0 when valid is not null => valid,
        1 when valid is not null => valid + Pick(["\n", "\r", "\t", " ", "\0", "\u00a0", "-", "_", "😀"]),
        2 => new string(Pick(['a', 'Z', '9', '-', '\u00e9']), Pick([63, 64, 65, 200, 201, 500, 501, 4000])),
        3 => string.Concat(Enumerable.Range(0, Random.Next(1, 6)).Select(_ => (char)Random.Next(0, 0x3000))),
        _ => Pick(Texts),
    };

    /// <summary>An enum-ish string, as a JSON token or raw.</summary>
    public string Enum() => Pick(EnumLike);

    /// <summary>A JSON value for a number field: usually a number, sometimes another type or invalid JSON.</summary>
    public string NumberJson(string valid) => Tame && Chance(0.9) ? valid : Chance(0.1) ? StringJson(Text()) : Pick(Numbers);

    public string EnumJson(string valid) => Tame && Chance(0.9) ? StringJson(valid) : Random.Next(6) switch
    {
        0 => Pick(Numbers),
        1 => "[" + StringJson(Enum()) + "]",
        _ => StringJson(Enum()),
    };

    public string TextJson(string? valid = null) => Tame && valid is not null && Chance(0.9) ? StringJson(valid) : Random.Next(10) switch
    {
        0 => Pick(Numbers),
        1 => "null",
        2 => "{\"a\":1}",
        _ => StringJson(Text(valid)),
    };

    /// <summary>A JSON string literal; lone surrogates are written as escapes, as JSON allows.</summary>
    public static string StringJson(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (char.IsSurrogate(c) || c < 0x20 || c == '"' || c == '\\')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A JSON object from fields, then perhaps broken: truncated, wrapped, nested too deep, not JSON at all.</summary>
    public string Body(IReadOnlyList<(string Name, string Json)> fields)
    {
        var chosen = fields.Where(_ => Tame || !Chance(0.1)).ToList();
        if (Chance(0.1))
        {
            chosen.Add((Pick(["extra", "__proto__", "$type", "Status", "TOTAL", ""]), TextJson()));
        }

        if (Chance(0.05) && chosen.Count > 0)
        {
            chosen.Add(chosen[0]);
        }

        var json = "{" + string.Join(",", chosen.Select(f => JsonSerializer.Serialize(f.Name) + ":" + f.Json)) + "}";
        return Tame ? json : Random.Next(14) switch
        {
            0 => json[..Random.Next(json.Length)],
            1 => "[" + json + "]",
            2 => string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)),
            3 => Pick(["", " ", "null", "true", "1", "\"x\"", "{", "}", "{}", "{\"a\":}", "\u0000", "<xml/>", "a=1&b=2"]),
            4 => json + "garbage",
            5 => "\uFEFF" + json,
            _ => json,
        };
    }
}
