using System.Diagnostics.CodeAnalysis;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// The value rules of the domain, written once and used by the gateway (to answer 400 with the field's name) and by
/// the grains (which refuse the same values from any other caller). The identifier syntax is in <see cref="RegionNames"/>,
/// the wording of every rule in <see cref="ValidationMessages"/>.
/// </summary>
public static class RegionValidation
{
    /// <summary>
    /// The largest total a pool may have (10^12). A million regions with a few pools each at this total still sum
    /// far below <see cref="long.MaxValue"/>, so footprint sums cannot overflow; they are checked all the same.
    /// </summary>
    public const long MaxPoolTotal = 1_000_000_000_000;

    /// <summary>Longest display name, in UTF-16 code units.</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>Longest reason of a status change, in UTF-16 code units.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The longest wait on a region's waitlist, in seconds: a day.</summary>
    public const int MaxWaitSeconds = 86_400;

    /// <summary>Whether <paramref name="waitSeconds"/> is an allowed wait: absent, or 1 to <see cref="MaxWaitSeconds"/>.</summary>
    public static bool IsValidWait(long? waitSeconds) => waitSeconds is null or (>= 1 and <= MaxWaitSeconds);

    /// <summary>How far ahead a reservation's start or end may be: about ten years.</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(3653);

    /// <summary>
    /// The first problem with a reservation's interval at <paramref name="now"/>, as the field it concerns and the
    /// message; null when the interval is valid. A start at or before now means "at once".
    /// </summary>
    public static (string Field, string Message)? IntervalProblem(DateTimeOffset now, DateTimeOffset? startsAt, DateTimeOffset? endsAt, long? ttlSeconds)
    {
        if (endsAt is not null && ttlSeconds is not null)
        {
            return ("endsAt", ValidationMessages.EndsAtOrTtl);
        }

        if (startsAt is { } start && start - now > MaxHorizon)
        {
            return ("startsAt", ValidationMessages.StartsAtHorizon);
        }

        if (endsAt is { } end)
        {
            var from = startsAt is { } s && s > now ? s : now;
            if (end <= from)
            {
                return ("endsAt", ValidationMessages.EndsAtAfterStart);
            }

            if (end - now > MaxHorizon)
            {
                return ("endsAt", ValidationMessages.EndsAtHorizon);
            }
        }

        return null;
    }

    /// <summary>The largest overcommit (allocation ratio) a pool may have.</summary>
    public const decimal MaxOvercommit = 16m;

    /// <summary>The most resources one reservation may hold.</summary>
    public const int MaxResourcesPerReservation = 16;

    /// <summary>The most regions one claim may hold capacity in.</summary>
    public const int MaxRegionsPerClaim = 32;

    /// <summary>Whether an allocations map is valid (an empty one is: it releases everything).</summary>
    public static bool IsValidAllocations(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? allocations) =>
        allocations is not null && allocations.Count <= MaxRegionsPerClaim &&
        allocations.All(p => RegionNames.IsValidRegionId(p.Key) && p.Value is not null && IsValidResources(p.Value));

    /// <summary>
    /// What is wrong with a pool's total and policy, field by field (empty when nothing is): each policy field in its
    /// range, maxUnit not below minUnit, and heldBack not above the total.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> PolicyProblems(long total, PoolPolicy policy)
    {
        if (policy.HeldBack is < 0 or > MaxPoolTotal)
        {
            yield return ("heldBack", ValidationMessages.HeldBack);
        }
        else if (policy.HeldBack > total)
        {
            yield return ("heldBack", ValidationMessages.HeldBackAboveTotal(policy.HeldBack, total));
        }

        if (policy.Overcommit is < 1m or > MaxOvercommit)
        {
            yield return ("overcommit", ValidationMessages.Overcommit);
        }

        if (policy.MinUnit is < 1 or > MaxPoolTotal)
        {
            yield return ("minUnit", ValidationMessages.MinUnit);
        }

        if (policy.MaxUnit is { } max && (max < 1 || max > MaxPoolTotal || max < policy.MinUnit))
        {
            yield return ("maxUnit", ValidationMessages.MaxUnit);
        }

        if (policy.StepSize is < 1 or > MaxPoolTotal)
        {
            yield return ("stepSize", ValidationMessages.StepSize);
        }
    }

    /// <summary>Whether a map of resources to amounts is a valid multi-resource reservation.</summary>
    public static bool IsValidResources(IReadOnlyDictionary<string, long>? resources) =>
        resources is { Count: >= 1 and <= MaxResourcesPerReservation } &&
        resources.All(p => RegionNames.IsValidResource(p.Key) && IsValidAmount(p.Value));

    /// <summary>Whether <paramref name="total"/> is an allowed pool total: 0 to <see cref="MaxPoolTotal"/>.</summary>
    public static bool IsValidTotal(long total) => total is >= 0 and <= MaxPoolTotal;

    /// <summary>Whether <paramref name="amount"/> is an allowed reservation amount: 1 to <see cref="MaxPoolTotal"/>.</summary>
    public static bool IsValidAmount(long amount) => amount is >= 1 and <= MaxPoolTotal;

    /// <summary>Whether <paramref name="ttlSeconds"/> is an allowed lifetime: absent, or 1 to <see cref="int.MaxValue"/> seconds.</summary>
    public static bool IsValidTtl(long? ttlSeconds) => ttlSeconds is null or (>= 1 and <= int.MaxValue);

    /// <summary>Whether <paramref name="displayName"/> is an allowed display name.</summary>
    public static bool IsValidDisplayName([NotNullWhen(true)] string? displayName) => IsText(displayName, MaxDisplayNameLength);

    /// <summary>Whether <paramref name="reason"/> is an allowed reason for a status change.</summary>
    public static bool IsValidReason([NotNullWhen(true)] string? reason) => IsText(reason, MaxReasonLength);

    /// <summary>Whether a latitude is a number from -90 to 90.</summary>
    public static bool IsValidLatitude(double latitude) => latitude is >= -90 and <= 90;

    /// <summary>Whether a longitude is a number from -180 to 180.</summary>
    public static bool IsValidLongitude(double longitude) => longitude is >= -180 and <= 180;

    /// <summary>
    /// Parses an enum value by its exact name only: no numbers, no comma-joined flags, no other casing, no spaces.
    /// (<see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> accepts all of those, and "A,B" combines into a third value.)
    /// </summary>
    public static bool TryParseExact<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The names of an enum for messages: "A, B, C".</summary>
    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());

    /// <summary>
    /// Free text: not blank (<see cref="TextRules.IsBlank"/>: only spaces or invisible characters is blank), at most
    /// <paramref name="maxLength"/> UTF-16 code units, no control characters and no lone surrogate.
    /// </summary>
    public static bool IsText([NotNullWhen(true)] string? text, int maxLength) =>
        !TextRules.IsBlank(text) && text.Length <= maxLength && !TextRules.HasControlOrLoneSurrogate(text);
}
