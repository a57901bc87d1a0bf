using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// Whether this machine lets the tests create network namespaces (root and the <c>ip</c> command), and whether the
/// database servers the harness starts inside them are installed. Locally a missing piece skips the tests with the
/// reason; in CI (<c>CI=true</c>) nothing skips, so a missing piece fails instead of passing for green.
/// </summary>
public static class Netns
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the multi-host tests are skipped, or null when they run.</summary>
    public static string? SkipReason => IsCi || Missing.Value is not { } missing
        ? null
        : missing + " Skipped only outside CI: with CI=true these tests run, and fail if this is missing.";

    /// <summary>Why a PostgreSQL cluster cannot start here, or null.</summary>
    public static string? PostgreSqlMissing =>
        Directory.Exists("/usr/lib/postgresql") && Directory.EnumerateFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).Any()
            ? null
            : "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); apt-get install postgresql-15.";

    /// <summary>Why a Redis cluster cannot start here, or null.</summary>
    public static string? RedisMissing => OnPath("redis-server") ? null : "redis-server is not installed; apt-get install redis-server.";

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Network namespaces exist only on Linux.";
        }

        if (!OnPath("ip"))
        {
            return "The ip command (iproute2) is missing, so no network namespace can be created.";
        }

        // The real test of root and kernel support: create a namespace and remove it.
        var name = "rgprobe" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var (added, error) = Run("ip", "netns", "add", name);
        if (added != 0)
        {
            return $"Cannot create a network namespace (needs root): ip netns add said: {error.Trim()}";
        }

        Run("ip", "netns", "del", name);
        return PostgreSqlMissing ?? RedisMissing;
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, command)));

    private static (int ExitCode, string Error) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
