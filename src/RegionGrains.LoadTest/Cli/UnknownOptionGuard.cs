using System.Reflection;

namespace RegionGrains.LoadTest.Cli;

/// <summary>
/// Refuses, before a command runs, any option it does not have (a misspelt <c>--durations</c> ran with the default
/// duration) and anything after <c>--</c>, which no command reads.
/// </summary>
/// <remarks>
/// Spectre's own strict mode (<c>UseStrictParsing</c>) refuses unknown options too, but when it meets any parse
/// error it parses again with a <c>__default_command</c> token inserted at each position, even in an app without a
/// default command: an option given without its value then takes that token as its value, so
/// <c>grains --report</c> would run and write its report to a file of that name. Relaxed parsing says "no value has been provided" instead, and hands every
/// option it does not know to <see cref="IRemainingArguments"/>, which this reads.
/// </remarks>
public sealed class UnknownOptionGuard : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        // Options after -- are in Parsed as well: say that the -- is the problem, not the option.
        if (context.Remaining.Raw.Count > 0)
        {
            throw new CommandLineException($"{context.Name} takes nothing after '--', not '{string.Join(' ', context.Remaining.Raw)}'.");
        }

        if (context.Remaining.Parsed.FirstOrDefault() is { } unknown)
        {
            var suggestion = Nearest(unknown.Key, LongOptionNames(settings.GetType()));
            throw new CommandLineException(
                $"Unknown option '{unknown.Key}' for {context.Name}{(suggestion is null ? "." : $"; did you mean '{suggestion}'?")} " +
                $"'{LoadTestApp.Name} {context.Name} --help' lists its options.");
        }

        // Past the guard the command line is accepted: the report records it as the command saw it.
        if (settings is BaseSettings run)
        {
            run.CommandLine = string.Join(' ', context.Arguments.Select(Quote));
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_=.,:/@%+".Contains(c)) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
    }

    /// <summary>The long names of the options of a settings type, with their dashes.</summary>
    internal static IEnumerable<string> LongOptionNames(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.LongNames.Select(n => "--" + n));

    /// <summary>The option closest to a misspelt one, if it is within two edits of it.</summary>
    internal static string? Nearest(string given, IEnumerable<string> options) =>
        options.Select(o => (Option: o, Distance: EditDistance(given, o)))
            .Where(o => o.Distance <= 2)
            .OrderBy(o => o.Distance)
            .Select(o => o.Option)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
