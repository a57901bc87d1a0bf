using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace RegionGrains.ServiceDefaults.Logging;

/// <summary>
/// The console log's format: the platform's simple layout (<c>info: Category[event]</c>, then the message indented
/// on the next line), with every character that could end, rewrite or reorder a line escaped as <c>\n</c>,
/// <c>\r</c> or <c>\uXXXX</c>: control characters, line and paragraph separators, bidirectional controls. Message
/// values come from requests (paths, names, reasons); whatever they hold, one entry stays one entry, and a caller
/// cannot write a line that reads as the gateway's own. An exception's text follows indented, one line per line of
/// its own, so that nothing in it starts a line of its own either.
/// </summary>
public sealed class SingleEntryConsoleFormatter(Microsoft.Extensions.Options.IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    /// <summary>The name to select it by (<c>Logging:Console:FormatterName</c>); the default of every process.</summary>
    public const string FormatterName = "regiongrains";

    private const string Padding = "      ";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var entry = new StringBuilder();
        if (options.CurrentValue.TimestampFormat is { } format)
        {
            var now = options.CurrentValue.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            entry.Append(now.ToString(format, CultureInfo.InvariantCulture));
        }

        entry.Append(Level(logEntry.LogLevel)).Append(": ").Append(logEntry.Category)
            .Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append(']').Append('\n');
        AppendEscaped(entry.Append(Padding), message).Append('\n');
        if (logEntry.Exception is { } exception)
        {
            foreach (var line in exception.ToString().Split('\n'))
            {
                AppendEscaped(entry.Append(Padding), line.TrimEnd('\r')).Append('\n');
            }
        }

        textWriter.Write(entry.ToString());
    }

    /// <summary>Appends <paramref name="text"/> with the characters that break or disguise a line escaped.</summary>
    public static StringBuilder AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append(c),
                _ when MustEscape(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        return builder;
    }

    private static bool MustEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
