using System.Globalization;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;
using RegionGrains.LoadTest.Thresholds;

namespace RegionGrains.LoadTest.Cli;

/// <summary>
/// Spectre's help, with the options laid out to stay readable at 80 columns. Spectre gives them three columns
/// (option, default, description) and, when they do not fit, narrows the widest wrapping columns to the same width:
/// beside a no-wrap option column of ~40 characters and a default such as <c>read=80,reserve=15,status=5</c>, the
/// descriptions were left ~18 characters and words were cut in two. Here the default ends the description instead
/// ("Default: 30s."), written as it is typed rather than as <c>00:00:30</c> or <c>Sqlite</c>, so the description
/// has all the width the option names leave.
/// </summary>
public sealed class LoadTestHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    private readonly HelpProviderStyle? _styles = settings.HelpProviderStyles;

    /// <summary>
    /// Each example beside the application's name, so that a long one wraps under its own arguments instead of back
    /// to the first column. A command without examples of its own shows its commands' first few, as Spectre does.
    /// </summary>
    public override IEnumerable<IRenderable> GetExamples(ICommandModel model, ICommandInfo? command)
    {
        var container = command ?? (ICommandContainer)model;
        var examples = container.Examples.Count > 0
            ? container.Examples
            : [.. container.Commands.Where(c => !c.IsHidden).SelectMany(c => c.Examples).Take(MaximumIndirectExamples)];
        if (examples.Count == 0)
        {
            return [];
        }

        var grid = new Grid();
        grid.AddColumn(new GridColumn { Padding = new Padding(4, 0, 1, 0), NoWrap = true });
        grid.AddColumn(new GridColumn { Padding = new Padding(0) });
        foreach (var example in examples)
        {
            grid.AddRow(new Text(model.ApplicationName), new Text(string.Join(' ', example), _styles?.Examples?.Arguments ?? Style.Plain));
        }

        return [Header("EXAMPLES", _styles?.Examples?.Header), grid];
    }

    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn { Padding = new Padding(4, 0, 2, 0), NoWrap = true });
        grid.AddColumn(new GridColumn { Padding = new Padding(0) });
        grid.AddRow(new Text("-h, --help"), new Text("Prints help information."));
        foreach (var option in command?.Parameters.OfType<ICommandOption>().Where(o => !o.IsHidden) ?? [])
        {
            grid.AddRow(Names(option), new Text(Description(option)));
        }

        return [Header("OPTIONS", _styles?.Options?.Header), grid];
    }

    /// <summary>
    /// What does not fit an option's line: the threshold grammar, for the commands that take <c>--threshold</c>, and
    /// the exit codes.
    /// </summary>
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        if (command?.Parameters.OfType<ICommandOption>().Any(o => o.LongNames.Contains("threshold")) == true)
        {
            yield return Header("THRESHOLDS", _styles?.Options?.Header);
            yield return new Padder(new Text(Threshold.Grammar), new Padding(4, 0, 0, 0));
        }

        yield return Header("EXIT CODES", _styles?.Options?.Header);
        var codes = new Grid();
        codes.AddColumn(new GridColumn { Padding = new Padding(4, 0, 2, 0), NoWrap = true });
        codes.AddColumn(new GridColumn { Padding = new Padding(0) });
        foreach (var (code, meaning) in ExitCodes.Meanings)
        {
            codes.AddRow(code.ToString(CultureInfo.InvariantCulture), meaning);
        }

        yield return codes;
    }

    /// <summary>The option's description, then its default when it has one.</summary>
    internal static string Description(ICommandOption option)
    {
        var description = option.Description?.Trim() ?? string.Empty;
        if (description.Length > 0 && !description.EndsWith('.'))
        {
            description += ".";
        }

        return FormatDefault(option.IsFlag ? null : option.DefaultValue?.Value) is { } value
            ? $"{description} Default: {value}."
            : description;
    }

    /// <summary>A default as it would be typed on the command line; null when there is none to show.</summary>
    internal static string? FormatDefault(object? value) => value switch
    {
        null or "" => null,
        TimeSpan duration => DurationConverter.Format(duration),
        Enum kind => kind.ToString().ToLowerInvariant(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Text Header(string name, Style? style) => new($"\n{name}:\n", style ?? Style.Plain);

    private Paragraph Names(ICommandOption option)
    {
        var names = new Paragraph();
        var shortName = option.ShortNames.Count > 0 ? option.ShortNames[0] : null;
        var longName = option.LongNames.Count > 0 ? option.LongNames[0] : null;
        names.Append(shortName is null ? "    " : longName is null ? "-" + shortName : $"-{shortName}, ");
        if (longName is not null)
        {
            names.Append("--" + longName);
        }

        if (option.ValueName is { } value)
        {
            var optional = option.ValueIsOptional;
            names.Append(" ");
            names.Append(
                optional ? $"[{value}]" : $"<{value}>",
                (optional ? _styles?.Options?.OptionalOptionValue : _styles?.Options?.RequiredOptionValue) ?? Style.Plain);
        }

        return names;
    }
}
