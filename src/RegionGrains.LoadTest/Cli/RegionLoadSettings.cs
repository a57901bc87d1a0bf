using System.ComponentModel;
using RegionGrains.LoadTest.Agents;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of the scenarios that run the operation mix over a set of regions (grains, http).</summary>
public class RegionLoadSettings : LoadSettings
{
    public const int MinRegions = 10;
    public const int MaxRegions = 1_000_000;

    [CommandOption("-n|--regions <N>")]
    [Description("Regions the run creates and loads (10 to 1000000).")]
    [DefaultValue(1_000)]
    public int Regions { get; set; }

    [CommandOption("--mix <MIX>")]
    [Description("Weighted operations, as kind=weight pairs of read, reserve, status, capacity, place (a placement query), reserve2 (a reservation of two pools), claim, claim2, claim3 (a consumer's claim over 1, 2 or 3 regions), footprint, reserveahead (a booking 1 to 30 days ahead, for a day) and release (the oldest reservation of the run's reserve that is still held).")]
    [DefaultValue("read=80,reserve=15,status=5")]
    public string Mix { get; set; } = "read=80,reserve=15,status=5";

    [CommandOption("--baseline-mix <MIX>")]
    [Description("Load the same target with this mix as the baseline, in the same rounds, instead of the command's own (ping grain, bare Kestrel): --mix reserve2=100 --baseline-mix reserve=100 gives the ratio of one kind to the other.")]
    public string? BaselineMix { get; set; }

    [CommandOption("--consumers <N>")]
    [Description("Consumers the run's claims are spread over (1 to 100000); claims of one consumer wait for each other.")]
    [DefaultValue(RegionSet.DefaultConsumers)]
    public int Consumers { get; set; }

    [CommandOption("--keys <DISTRIBUTION>")]
    [Description("How operations spread over regions: uniform or zipf.")]
    [DefaultValue(KeyDistributionKind.Uniform)]
    public KeyDistributionKind Keys { get; set; }

    [CommandOption("--zipf-exponent <S>")]
    [Description("Skew of --keys zipf: the k-th hottest region is picked with probability proportional to 1/k^S.")]
    [DefaultValue(1.0)]
    public double ZipfExponent { get; set; }

    /// <summary>Test-only: a delay before each of the scenario's operations (not the baseline's), a regression made on purpose.</summary>
    [CommandOption("--inject-delay <DURATION>", IsHidden = true)]
    [Description("Test-only: delay each of the scenario's operations by DURATION, to produce a regression on purpose.")]
    [TypeConverter(typeof(DurationConverter))]
    public TimeSpan? InjectDelay { get; set; }

    [CommandOption("--agents <HOST:PORT,...>")]
    [Description("Run on load agents ('regiongrains-loadtest agent' on each host) instead of here: the regions, concurrency, consumers and open-loop rate are split between them, they start at one instant, and their histograms merge into one report.")]
    public string? Agents { get; set; }

    [CommandOption("--agent-token <TOKEN>")]
    [Description("The agents' shared --token (default: $REGIONGRAINS_AGENT_TOKEN). Never written to the report.")]
    public string? AgentToken { get; set; }

    /// <summary>The agents to run on, parsed; null to run here.</summary>
    public IReadOnlyList<AgentEndpoint>? AgentEndpoints => Agents is not null && AgentEndpoint.TryParseList(Agents, out var agents, out _) ? agents : null;

    /// <summary>The token to send agents, from the option or the environment; null sends none.</summary>
    public string? EffectiveAgentToken => string.IsNullOrEmpty(AgentToken) ? Environment.GetEnvironmentVariable(AgentProtocol.TokenVariable) is { Length: > 0 } token ? token : null : AgentToken;

    public OperationMix ParsedMix => OperationMix.Parse(Mix);

    /// <summary>What is wrong with a number of regions to create and load, for every command that takes <c>--regions</c>; null when nothing is.</summary>
    public static string? RegionsError(int regions) =>
        OptionRules.Within("--regions", regions, MinRegions, MaxRegions);

    /// <summary>The scenario's target, with <see cref="InjectDelay"/> when a test asked for it.</summary>
    public ILoadTarget ScenarioTarget(ILoadTarget target) => InjectDelay is { } delay && delay > TimeSpan.Zero ? new DelayedTarget(target, delay) : target;

    public OperationMix? ParsedBaselineMix => BaselineMix is null ? null : OperationMix.Parse(BaselineMix);

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (RegionsError(Regions) is { } regions)
        {
            return ValidationResult.Error(regions);
        }

        if (!OperationMix.TryParse(Mix, out _, out var error))
        {
            return ValidationResult.Error("--mix: " + error);
        }

        if (BaselineMix is not null && !OperationMix.TryParse(BaselineMix, out _, out var baselineError))
        {
            return ValidationResult.Error("--baseline-mix: " + baselineError);
        }

        if ((OptionRules.Within("--consumers", Consumers, 1, 100_000) ?? OptionRules.Positive("--zipf-exponent", ZipfExponent, 10)) is { } bound)
        {
            return ValidationResult.Error(bound);
        }

        return Agents is null ? ValidationResult.Success() : ValidateAgents();
    }

    private ValidationResult ValidateAgents()
    {
        if (!AgentEndpoint.TryParseList(Agents!, out var agents, out var error))
        {
            return ValidationResult.Error("--agents: " + (error.Length > 0 ? error : "name at least one HOST:PORT."));
        }

        // Each agent takes a share of each, and a share must be one a run on its own would accept.
        if (Regions < MinRegions * agents.Count)
        {
            return ValidationResult.Error($"--regions {Regions} is too few for {agents.Count} agents: each needs at least {MinRegions}.");
        }

        if (Concurrency < agents.Count || Consumers < agents.Count)
        {
            return ValidationResult.Error($"--concurrency and --consumers must be at least the number of agents ({agents.Count}): each agent takes a share.");
        }

        return ValidationResult.Success();
    }

    public KeyDistribution CreateKeys() => KeyDistribution.Create(Keys, Regions, ZipfExponent);

    /// <summary>The run's regions, with its consumers.</summary>
    public RegionSet CreateRegions() => new(Regions, consumers: Consumers);

    public RegionLoadReportSettings ToReportSettings() => new(
        Regions,
        ParsedMix.ToString(),
        Keys.ToString().ToLowerInvariant(),
        Keys == KeyDistributionKind.Zipf ? ZipfExponent : null,
        Concurrency,
        Rate,
        OpenLoop is null ? "closed" : "open",
        Duration.TotalSeconds,
        Warmup.TotalSeconds,
        Rounds,
        Seed)
    {
        BaselineMix = ParsedBaselineMix?.ToString(),
        Stages = ParsedStages?.ToString(),
        Consumers = ParsedMix.IncludesClaims || ParsedBaselineMix?.IncludesClaims == true ? Consumers : null,
    };
}
