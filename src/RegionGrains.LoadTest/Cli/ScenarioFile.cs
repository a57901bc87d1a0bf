using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace RegionGrains.LoadTest.Cli;

/// <summary>
/// Reads <c>--scenario FILE</c>: a JSON object whose keys are the command's options (camelCase or as typed, without
/// the dashes) plus <c>command</c>, turned into options placed before the command line's own. An option given on
/// the command line replaces the file's (a repeatable one, such as <c>--threshold</c>, replaces all of them); a key
/// the command has no option for is refused, naming the key.
/// </summary>
public static class ScenarioFile
{
    public const string Option = "--scenario";

    private static readonly JsonDocumentOptions Reading = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The commands that take a scenario file, and their settings.</summary>
    private static readonly Dictionary<string, Type> Commands = new(StringComparer.Ordinal)
    {
        ["grains"] = typeof(GrainsSettings),
        ["http"] = typeof(HttpSettings),
        ["coordinator"] = typeof(CoordinatorSettings),
    };

    /// <summary>Keys that read better in the plural in a file: each value is one of the repeatable option.</summary>
    private static readonly Dictionary<string, string> Plurals = new(StringComparer.Ordinal) { ["thresholds"] = "threshold" };

    /// <summary>The command line with the file's options in it; unchanged without <c>--scenario</c>.</summary>
    public static string[] Expand(string[] args)
    {
        var at = Array.FindIndex(args, a => a == Option || a.StartsWith(Option + "=", StringComparison.Ordinal));
        if (at < 0)
        {
            return args;
        }

        var path = args[at].Length > Option.Length ? args[at][(Option.Length + 1)..] : at + 1 < args.Length ? args[at + 1] : null;
        if (path is null or "" || path.StartsWith('-'))
        {
            // Spectre says that the option has no value.
            return args;
        }

        var root = Read(path);
        var given = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        var named = root.TryGetProperty("command", out var command) ? command.ValueKind == JsonValueKind.String ? command.GetString() : throw Error(path, "'command' is not a string.") : null;
        if (given is not null && named is not null && given != named)
        {
            throw Error(path, $"it is a scenario for {named}, not {given}.");
        }

        var name = given ?? named ?? throw Error(path, $"it names no command; add \"command\": \"grains\" (or http, coordinator), or give the command first.");
        var settings = Commands.GetValueOrDefault(name) ?? throw Error(path, $"{name} takes no scenario file; grains, http and coordinator do.");
        var options = OptionsOf(settings);
        var onCommandLine = args.Skip(given is null ? 0 : 1).Where(a => a.StartsWith('-')).Select(a => options.Aliases.GetValueOrDefault(a.Split('=', 2)[0])).OfType<string>().ToHashSet();

        var expanded = new List<string> { name };
        foreach (var property in root.EnumerateObject().Where(p => p.Name != "command"))
        {
            var option = OptionFor(property.Name, options, path, name);
            if (!onCommandLine.Contains(option))
            {
                expanded.AddRange(Values(property, option, options.Flags.Contains(option), options.Repeatable.Contains(option), path));
            }
        }

        expanded.AddRange(args.Skip(given is null ? 0 : 1));
        return [.. expanded];
    }

    private static JsonElement Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), Reading);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw Error(path, "it is not a JSON object of options.");
        }
        catch (JsonException exception)
        {
            throw Error(path, $"line {exception.LineNumber + 1}: {exception.Message.Split(" Path:", 2)[0]}");
        }
        catch (IOException exception)
        {
            throw Error(path, exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw Error(path, exception.Message);
        }
    }

    private static string OptionFor(string key, Options options, string path, string command)
    {
        var kebab = Plurals.GetValueOrDefault(key) ?? Kebab(key);
        if (kebab == Option[2..])
        {
            throw Error(path, "a scenario file cannot name another scenario file.");
        }

        if (options.Long.Contains("--" + kebab) && options.Names.TryGetValue("--" + kebab, out var option))
        {
            return option;
        }

        var suggestion = UnknownOptionGuard.Nearest("--" + kebab, options.Long);
        throw Error(path, $"unknown key '{key}' for {command}{(suggestion is null ? "" : $"; did you mean '{Camel(suggestion[2..])}'?")} ('{LoadTestApp.Name} {command} --help' lists the options).");
    }

    private static IEnumerable<string> Values(JsonProperty property, string option, bool flag, bool repeatable, string path)
    {
        var value = property.Value;
        if (flag)
        {
            return value.ValueKind switch
            {
                JsonValueKind.True => [option],
                JsonValueKind.False => [],
                _ => throw Error(path, $"'{property.Name}' is a switch: true or false."),
            };
        }

        if (value.ValueKind == JsonValueKind.Array && repeatable)
        {
            return value.EnumerateArray().SelectMany(item => new[] { option, Scalar(property.Name, item, path) });
        }

        return [option, Scalar(property.Name, value, path)];
    }

    /// <summary>A value as the command line writes it; the mix as an object of weights, the stages as a list of {duration, target}.</summary>
    private static string Scalar(string key, JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object => string.Join(',', value.EnumerateObject().Select(p => $"{p.Name}={Scalar(key, p.Value, path)}")),
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
            ? $"{Field(key, item, "duration", path)}:{Field(key, item, "target", path)}"
            : Scalar(key, item, path))),
        _ => throw Error(path, $"'{key}' has no value the command line could take ({value.ValueKind.ToString().ToLowerInvariant()})."),
    };

    private static string Field(string key, JsonElement item, string field, string path) =>
        item.TryGetProperty(field, out var value) ? Scalar(key, value, path) : throw Error(path, $"each of '{key}' needs '{field}' (e.g. {{ \"duration\": \"30s\", \"target\": 1000 }}).");

    private static Options OptionsOf(Type settings)
    {
        var attributes = settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(p => p.Attribute is { IsHidden: false })
            .ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, attribute) in attributes)
        {
            var canonical = "--" + attribute!.LongNames[0];
            foreach (var alias in attribute.LongNames.Select(n => "--" + n).Concat(attribute.ShortNames.Select(n => "-" + n)))
            {
                aliases[alias] = canonical;
                names[alias] = canonical;
            }
        }

        return new Options(
            [.. UnknownOptionGuard.LongOptionNames(settings).Where(names.ContainsKey)],
            names,
            aliases,
            [.. attributes.Where(p => p.Property.PropertyType == typeof(bool)).Select(p => "--" + p.Attribute!.LongNames[0])],
            [.. attributes.Where(p => p.Property.PropertyType.IsArray).Select(p => "--" + p.Attribute!.LongNames[0])]);
    }

    private static string Kebab(string key)
    {
        var text = new StringBuilder();
        foreach (var c in key)
        {
            text.Append(char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString());
        }

        return text.ToString();
    }

    private static string Camel(string kebab) =>
        string.Concat(kebab.Split('-').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    private static CommandLineException Error(string path, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Scenario file {path}: {message}"));

    private sealed record Options(HashSet<string> Long, Dictionary<string, string> Names, Dictionary<string, string> Aliases, HashSet<string> Flags, HashSet<string> Repeatable);
}
