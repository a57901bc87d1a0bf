using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RegionGrains.ServiceDefaults.Startup;

/// <summary>
/// A process that cannot start for a reason its operator fixes says so in one line on stderr and exits with code 1,
/// instead of an unhandled exception's stack trace and the runtime's abort (exit code 134). The host's log keeps
/// the details. These failures qualify:
/// <list type="bullet">
/// <item>configuration errors: an <see cref="OptionsValidationException"/>, which options validated at start
/// (<c>ValidateOnStart</c>) and the providers' readers of connection strings throw, and a value the configuration
/// binder cannot convert to its setting's type;</item>
/// <item>the machine refusing what the configuration asks for: an address already in use or one Kestrel cannot
/// read or serve (HTTPS without a certificate), a file or directory that cannot be created, read or written
/// (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>), and what the process's other layers
/// explain for their own types (an unreachable store, say; see <see cref="ExitOnStartupError"/>).
/// At start-up these come from files, directories, disks and ports, not from a fault in the code, and their messages
/// name the file or the address (the storage providers word theirs for the operator, e.g. a data file that is not a
/// database).</item>
/// </list>
/// Any other failure is a fault and still crashes with its stack trace. One set of standard exception types serves
/// every project without a shared exception type of ours.
/// </summary>
public static class StartupErrors
{
    /// <summary>Exit code of a process that could not start for one of these reasons.</summary>
    public const int ExitCode = 1;

    /// <summary>Call first in Program.cs; covers both building the host and starting it.</summary>
    /// <param name="more">
    /// Explanations of failures that only the process's other layers know by type (a store client's, for one); each
    /// returns null for a failure it does not know. They are asked after configuration errors and before the
    /// general I/O ones, whose messages say less.
    /// </param>
    public static void ExitOnStartupError(params Func<Exception, string?>[] more) =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is Exception exception && Explain(exception, more) is { } explanation)
            {
                Console.Error.WriteLine(explanation);
                Environment.Exit(ExitCode);
            }
        };

    /// <summary>The one-line explanation of a start-up error anywhere in the exception's chain, or null for a fault.</summary>
    /// <param name="exception">What stopped the start.</param>
    /// <param name="more">See <see cref="ExitOnStartupError"/>.</param>
    public static string? Explain(Exception exception, params Func<Exception, string?>[] more)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(more);
        // The host wraps start-up failures (an AggregateException's InnerException is its first), so the whole chain
        // is searched for a configuration error first: it is the cause whatever else followed from it.
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException validation)
            {
                return $"Configuration error: {string.Join(" ", validation.Failures)}";
            }

            // A value the configuration binder cannot convert ('abc' for a port, an unknown name for an enum): its message
            // names the setting and the value, the inner one says what was expected.
            if (current is InvalidOperationException { TargetSite.DeclaringType: var thrower } && thrower == typeof(ConfigurationBinder))
            {
                return $"Configuration error: {Sentence(current.Message)}" + (current.InnerException is { } why ? $" {Sentence(why.Message)}" : string.Empty);
            }
        }

        foreach (var explain in more)
        {
            if (explain(exception) is { } explanation)
            {
                return explanation;
            }
        }

        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Kestrel names the address it could not bind; the inner exception says why.
                case IOException { InnerException: AddressInUseException }:
                    return $"Cannot start: {Sentence(current.Message)} {HttpAddressHint}";
                // Orleans' silo and gateway listeners report the bare socket error, without the port.
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }:
                    return $"Cannot start: {Sentence(current.Message)} {OrleansPortHint}";
                case IOException or UnauthorizedAccessException:
                    return $"Cannot start: {Sentence(current.Message)}";
                // Kestrel refusing what it was told to listen on: an address it cannot read, HTTPS without a certificate.
                case FormatException when current.TargetSite?.DeclaringType == typeof(BindingAddress):
                    return $"Cannot start: {Sentence(current.Message)} An address to listen on looks like http://localhost:5080 (--urls or ASPNETCORE_URLS).";
                case InvalidOperationException when current.TargetSite?.DeclaringType == typeof(ListenOptionsHttpsExtensions):
                    return $"Cannot start: {Sentence(current.Message)}";
            }
        }

        return null;
    }

    private const string HttpAddressHint =
        "Another process (another instance?) listens there; choose another address with --urls or ASPNETCORE_URLS.";

    private const string OrleansPortHint =
        "Another process (another instance?) holds the silo or gateway port this one was given; choose others with " +
        "RegionGrains:SiloPort and RegionGrains:GatewayPort, or 0 for free ones.";

    /// <summary>The message on one line, ending with a full stop.</summary>
    private static string Sentence(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
