using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// Protected by default, like Redis' protected mode: without authentication the gateway listens on loopback
/// addresses only. Any other address stops the start with a message saying how to configure authentication or how
/// to opt out, unless RegionGrains:Auth:Mode=None says so explicitly.
/// </summary>
internal static partial class ExposureGuard
{
    public const int ExitCode = 2;

    /// <summary>
    /// Checks the configured addresses before anything listens (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c>, Kestrel endpoints); false after writing the refusal to the console and the log.
    /// </summary>
    public static bool AllowsStart(WebApplication app)
    {
        var security = app.Services.GetRequiredService<GatewaySecurity>();
        if (security.ExposureAllowed)
        {
            return true;
        }

        var exposed = ConfiguredAddresses(app.Configuration).Where(IsExposed).ToList();
        if (exposed.Count == 0)
        {
            // Addresses set in code are only known once the server listens: check those then, and stop if needed.
            app.Lifetime.ApplicationStarted.Register(() => CheckBound(app));
            return true;
        }

        Refuse(app, exposed);
        return false;
    }

    private static void CheckBound(WebApplication app)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = bound.Where(IsExposed).ToList();
        if (exposed.Count > 0)
        {
            Refuse(app, exposed);
            Environment.ExitCode = ExitCode;
            app.Lifetime.StopApplication();
        }
    }

    private static void Refuse(WebApplication app, IReadOnlyList<string> exposed)
    {
        var message =
            $"The gateway refuses to listen on {string.Join(", ", exposed)} without authentication: anyone who can reach that address could change every region. " +
            "Either configure authentication (a JWT bearer issuer under Authentication:Schemes:Bearer, or API keys under RegionGrains:Auth:ApiKeys; see docs/security.md), " +
            "or listen on loopback only (e.g. --urls http://localhost:5080), " +
            "or opt out explicitly with RegionGrains:Auth:Mode=None (environment: RegionGrains__Auth__Mode=None).";
        Console.Error.WriteLine(message);
        LogRefused(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExposureGuard).FullName!), message);
    }

    private static IEnumerable<string> ConfiguredAddresses(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }

        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            // Ports alone bind every interface.
            foreach (var port in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return $"http://*:{port}";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    private static bool IsExposed(string url)
    {
        if (url.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return !(string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogRefused(ILogger logger, string message);
}
