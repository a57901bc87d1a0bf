using System.Globalization;
using System.Reflection;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// The command line each agent runs: the coordinator's options, every one written out (so an agent's report shows
/// exactly what it ran), with the load split into shares. Regions, concurrency and consumers are divided as evenly as
/// whole numbers allow (the shares add up to the total); the open-loop rate and each stage's target are divided by the
/// number of agents; each agent draws from its own seed. Every agent creates its own regions, so the key space is
/// split by construction.
/// </summary>
public static class AgentArguments
{
    /// <summary>Options that stay with the coordinator: it writes the report, checks the thresholds and talks to the agents.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        nameof(BaseSettings.Report), nameof(BaseSettings.Thresholds), nameof(BaseSettings.NoLive), nameof(LoadSettings.Scenario),
        nameof(RegionLoadSettings.Agents), nameof(RegionLoadSettings.AgentToken),
    };

    public static IReadOnlyList<string> For(RegionLoadSettings settings, int index, int count)
    {
        var arguments = new List<string>();
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option || Kept.Contains(property.Name))
            {
                continue;
            }

            var name = "--" + option.LongNames[0];
            object? value = property.Name switch
            {
                nameof(RegionLoadSettings.Regions) => Share(settings.Regions, index, count),
                nameof(LoadSettings.Concurrency) => Share(settings.Concurrency, index, count),
                nameof(RegionLoadSettings.Consumers) => Share(settings.Consumers, index, count),
                nameof(LoadSettings.Rate) => settings.Rate / count,
                nameof(LoadSettings.Stages) => settings.Stages is null ? null : DividedStages(settings.Stages, count),
                nameof(BaseSettings.Seed) => settings.Seed + index,
                _ => property.GetValue(settings),
            };
            arguments.AddRange(Written(name, value));
        }

        arguments.Add("--no-live");
        return arguments;
    }

    /// <summary>Agent <paramref name="index"/>'s share of <paramref name="total"/>: the first ones take the remainder, one each.</summary>
    public static int Share(int total, int index, int count) => (total / count) + (index < total % count ? 1 : 0);

    private static string DividedStages(string stages, int count)
    {
        // Validated before: a malformed --stages never gets this far.
        return !RateSchedule.TryParseStages(stages, out var parsed, out _) ? stages : string.Join(',', parsed.Select(s => $"{DurationConverter.Format(s.Duration)}:{Number(s.Target / count)}"));
    }

    private static IEnumerable<string> Written(string name, object? value) => value switch
    {
        null => [],
        bool flag => flag ? [name] : [],
        string[] values => values.SelectMany(v => new[] { name, v }),
        TimeSpan duration => [name, DurationConverter.Format(duration)],
        Enum choice => [name, choice.ToString().ToLowerInvariant()],
        double number => [name, Number(number)],
        IFormattable formattable => [name, formattable.ToString(null, CultureInfo.InvariantCulture)],
        _ => [name, value.ToString()!],
    };

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
