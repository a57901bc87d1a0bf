namespace RegionGrains.LoadTest.Cli;

/// <summary>
/// How an error reaches the operator: one line, and an exit code that says whether the command line was refused
/// (before anything ran) or a run failed. Spectre's own rendering draws a multi-line picture of the command line
/// under the message, which a script's log or a CI step shows badly.
/// </summary>
public static class CommandLineErrors
{
    public static int Handle(IAnsiConsole console, Exception exception)
    {
        switch (exception)
        {
            // Program says that the run was stopped; it knows whether a signal asked for it.
            case OperationCanceledException:
                return ExitCodes.Stopped;
            case CommandParseException:
                Write(console, $"{Message(exception)} Run with --help for the commands and their options.");
                return ExitCodes.UsageError;
            case CommandAppException or CommandLineException:
                Write(console, Message(exception));
                return ExitCodes.UsageError;
            default:
                Write(console, Message(exception));
                return ExitCodes.Fault;
        }
    }

    /// <summary>The message, with the reason a value converter gave (Spectre only says that the conversion failed).</summary>
    private static string Message(Exception exception) =>
        exception.InnerException is { Message: { Length: > 0 } inner } && !exception.Message.Contains(inner, StringComparison.Ordinal)
            ? $"{exception.Message.TrimEnd('.')}: {inner}"
            : exception.Message;

    /// <summary>Written as it is, not rendered: Spectre would wrap it at the console's width (80 when redirected to a log).</summary>
    private static void Write(IAnsiConsole console, string message) =>
        console.Profile.Out.Writer.WriteLine("Error: " + message.ReplaceLineEndings(" "));
}
