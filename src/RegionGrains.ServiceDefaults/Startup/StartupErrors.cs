using Microsoft.Extensions.Options;

namespace RegionGrains.ServiceDefaults.Startup;

/// <summary>
/// A process that cannot start because of its configuration says so in one line on stderr and exits with code 1,
/// instead of an unhandled exception's stack trace and the runtime's abort (exit code 134). Faults that are not
/// configuration errors still crash as before, with their stack trace. A configuration error is an
/// <see cref="OptionsValidationException"/>: options validated at start (<c>ValidateOnStart</c>) throw it, and so do
/// the providers' readers of connection strings, so one exception type serves every project without a shared one.
/// </summary>
public static class StartupErrors
{
    /// <summary>Exit code of a process stopped by a configuration error.</summary>
    public const int ConfigurationExitCode = 1;

    /// <summary>Call first in Program.cs; covers both building the host and starting it.</summary>
    public static void ExitOnConfigurationError() =>
        AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
        {
            if (e.ExceptionObject is Exception exception && Explain(exception) is { } explanation)
            {
                Console.Error.WriteLine(explanation);
                Environment.Exit(ConfigurationExitCode);
            }
        };

    /// <summary>The one-line explanation of a configuration error anywhere in the exception's chain, or null.</summary>
    public static string? Explain(Exception exception)
    {
        // The host wraps start-up failures (an AggregateException's InnerException is its first).
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException validation)
            {
                return $"Configuration error: {string.Join(" ", validation.Failures)}";
            }
        }

        return null;
    }
}
