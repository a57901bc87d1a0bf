using System.ComponentModel;
using RegionGrains.LoadTest.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>events</c>.</summary>
public sealed class EventsSettings : CommandSettings
{
    /// <summary>
    /// Events a rule may fall behind one region before it skips to the region's latest (the history kept, 1,000 at
    /// least): a round posts at most this many per region, so every event it causes is delivered.
    /// </summary>
    public const int MostEventsPerRegion = 500;

    [CommandOption("-u|--url <URL>")]
    [Description("Base address of a running gateway that allows webhook targets on loopback (RegionGrains__Webhooks__AllowedTargets__0=127.0.0.1/32); only loopback addresses are accepted.")]
    [DefaultValue("http://localhost:5080/")]
    public string Url { get; set; } = "http://localhost:5080/";

    [CommandOption("--api-key <KEY>")]
    [Description("API key sent as X-Api-Key when the gateway has authentication on (default: $REGIONGRAINS_API_KEY); it needs the admin role (the run defines regions and an event rule).")]
    public string? ApiKey { get; set; }

    [CommandOption("-n|--regions <N>")]
    [Description("Regions the run creates; the rule delivers each region's events in order, so regions are what deliveries run in parallel over (1 to 64).")]
    [DefaultValue(8)]
    public int Regions { get; set; } = 8;

    [CommandOption("--events <N>")]
    [Description("Reservations per round, spread over the regions (at most 500 per region).")]
    [DefaultValue(2000)]
    public int Events { get; set; } = 2000;

    [CommandOption("-c|--concurrency <N>")]
    [Description("Reservations in flight.")]
    [DefaultValue(16)]
    public int Concurrency { get; set; } = 16;

    [CommandOption("--resumes <N>")]
    [Description("Stream resumes per round, each interleaved with a read of the region (the baseline).")]
    [DefaultValue(200)]
    public int Resumes { get; set; } = 200;

    [CommandOption("--rounds <N>")]
    [Description("Rounds; the figures are their medians.")]
    [DefaultValue(3)]
    public int Rounds { get; set; } = 3;

    [CommandOption("--delivery-timeout <DURATION>")]
    [Description("Longest wait, per round, for every event of the round to be delivered.")]
    [DefaultValue(typeof(TimeSpan), "00:02:00")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [CommandOption("--report <FILE>")]
    [Description("Write the figures of every round as JSON to FILE.")]
    public string? Report { get; set; }

    /// <summary>The key to send, from the option or the environment; null sends none.</summary>
    public string? EffectiveApiKey => string.IsNullOrEmpty(ApiKey) ? Environment.GetEnvironmentVariable(HttpSettings.ApiKeyVariable) is { Length: > 0 } key ? key : null : ApiKey;

    /// <summary>The gateway address, always ending in a slash so relative paths append.</summary>
    public Uri GatewayUri => new(Url.EndsWith('/') ? Url : Url + "/");

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--url must be an absolute http(s) address, not '{Url}'.");
        }

        if (!LoadHttpClient.IsLoopback(uri))
        {
            return ValidationResult.Error($"--url must point at this machine (localhost, 127.0.0.0/8 or [::1]); '{uri.Host}' is not loopback.");
        }

        if (Regions is < 1 or > 64)
        {
            return ValidationResult.Error("--regions must be 1 to 64.");
        }

        if (Events < Regions || Events > Regions * MostEventsPerRegion)
        {
            return ValidationResult.Error($"--events must be at least --regions ({Regions}) and at most {MostEventsPerRegion} per region ({Regions * MostEventsPerRegion}): a rule further behind a region than its kept history skips ahead.");
        }

        if (Concurrency is < 1 or > 1024)
        {
            return ValidationResult.Error("--concurrency must be 1 to 1024.");
        }

        if (Resumes is < 1 or > 100_000)
        {
            return ValidationResult.Error("--resumes must be 1 to 100000.");
        }

        if (Rounds is < 1 or > 100)
        {
            return ValidationResult.Error("--rounds must be 1 to 100.");
        }

        return DeliveryTimeout <= TimeSpan.Zero || DeliveryTimeout > TimeSpan.FromHours(1)
            ? ValidationResult.Error("--delivery-timeout must be above 0 and at most 1h.")
            : ValidationResult.Success();
    }
}
