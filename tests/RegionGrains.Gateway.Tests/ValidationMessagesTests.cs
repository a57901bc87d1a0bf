using System.Reflection;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Every validation message is worded once in src/: each member of <see cref="ValidationMessages"/> is listed by
/// reflection, and the literal text it starts with is searched for in the sources, where it must stand exactly once.
/// </summary>
public sealed class ValidationMessagesTests
{
    /// <summary>Shorter openings ("limit ", "The ") say too little to tell one message from another.</summary>
    private const int MinimumOpening = 10;

    private static readonly Lazy<string[]> Sources = new(ReadSources);

    public static TheoryData<string, string> Messages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, text) in ListMessages())
        {
            data.Add(name, text);
        }

        return data;
    }

    [Fact]
    public void TheMessagesClassListsMessages()
    {
        // The reflection below finds something: an empty list would make every other test here vacuous.
        Assert.True(ListMessages().Count >= 60, $"Only {ListMessages().Count} messages found on {nameof(ValidationMessages)}.");
    }

    [Fact]
    public void NoTwoMessagesSayTheSame()
    {
        var repeated = ListMessages()
            .GroupBy(m => m.Text, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(m => m.Name)))
            .ToList();
        Assert.True(repeated.Count == 0, "Messages with the same text: " + string.Join("; ", repeated));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void EachMessageIsWrittenOnceInTheSources(string name, string text)
    {
        var opening = LongestOpeningInSources(text);
        Assert.True(
            opening.Length >= MinimumOpening,
            $"{name}: no string literal in src/ starts with at least {MinimumOpening} characters of \"{text}\".");

        var places = Sources.Value.Sum(source => Count(source, "\"" + opening));
        Assert.True(places == 1, $"{name}: \"{opening}\" opens {places} string literals in src/, not one.");
    }

    /// <summary>
    /// The messages and, for the templates, their text with each string parameter standing as its own placeholder
    /// (<c>{field}</c>) and each number as 0, so that the literal of the template itself is what is searched for.
    /// </summary>
    private static List<(string Name, string Text)> ListMessages()
    {
        const BindingFlags Members = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var type = typeof(ValidationMessages);
        var fields = type.GetFields(Members)
            .Where(f => f.FieldType == typeof(string))
            .Select(f => (f.Name, Text: (string)f.GetValue(null)!));
        var templates = type.GetMethods(Members)
            .Where(m => m.ReturnType == typeof(string))
            .Select(m => (m.Name, Text: (string)m.Invoke(null, [.. m.GetParameters().Select(Placeholder)])!));
        return [.. fields, .. templates];
    }

    private static object Placeholder(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) ? "{" + parameter.Name + "}" : Convert.ChangeType(0, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The longest start of <paramref name="text"/> that also starts a string literal somewhere in src/.</summary>
    private static string LongestOpening(string text, Func<string, bool> opensALiteral)
    {
        // Whether a start opens a literal only ever turns from true to false as the start grows: search the length.
        var (low, high) = (0, text.Length);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (opensALiteral(text[..middle]))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return text[..low];
    }

    private static string LongestOpeningInSources(string text) =>
        LongestOpening(text, start => Sources.Value.Any(source => source.Contains("\"" + start, StringComparison.Ordinal)));

    private static int Count(string source, string value)
    {
        var count = 0;
        for (var at = source.IndexOf(value, StringComparison.Ordinal); at >= 0; at = source.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string[] ReadSources()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RegionGrains.sln")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, $"No RegionGrains.sln above {AppContext.BaseDirectory}.");
        var separator = Path.DirectorySeparatorChar;
        return
        [
            .. Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
                .Select(File.ReadAllText),
        ];
    }
}
