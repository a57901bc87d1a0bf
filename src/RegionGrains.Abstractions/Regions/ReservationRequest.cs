using System.Collections.Immutable;
using System.Globalization;

namespace RegionGrains.Abstractions.Regions;

/// <summary>A request to hold capacity. <paramref name="ReservationId"/> is its idempotency key.</summary>
/// <param name="ReservationId">Caller-chosen id; replaying it with the same body returns the original.</param>
/// <param name="Resource">Pool to reserve from, for a request of one resource; ignored when <paramref name="Resources"/> is set.</param>
/// <param name="Amount">Amount to hold of <paramref name="Resource"/>, at least 1.</param>
/// <param name="TtlSeconds">Optional lifetime after which the hold expires by itself.</param>
/// <param name="Resources">Several resources to hold all or nothing; null for the one-resource form.</param>
/// <param name="Consumer">Who the capacity is held for, if named.</param>
/// <param name="Project">The consumer's project, if named.</param>
/// <param name="StartsAt">When the hold starts; null (or an instant already past) starts it at once.</param>
/// <param name="EndsAt">When the hold ends by itself; exclusive with <paramref name="TtlSeconds"/>, which counts from the start.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ReservationRequest")]
public sealed record ReservationRequest(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string Resource,
    [property: Id(2)] long Amount,
    [property: Id(3)] int? TtlSeconds = null,
    [property: Id(4)] ImmutableSortedDictionary<string, long>? Resources = null,
    [property: Id(5)] string? Consumer = null,
    [property: Id(6)] string? Project = null,
    [property: Id(7)] DateTimeOffset? StartsAt = null,
    [property: Id(8)] DateTimeOffset? EndsAt = null)
{
    /// <summary>A request for several resources at once (a single entry is the one-resource form).</summary>
    public static ReservationRequest ForResources(
        string reservationId,
        IReadOnlyDictionary<string, long> resources,
        int? ttlSeconds = null,
        string? consumer = null,
        string? project = null,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null)
    {
        var holds = resources.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var (first, amount) = holds.Count > 0 ? holds.First() : default;
        return new ReservationRequest(reservationId, first ?? string.Empty, amount, ttlSeconds, holds.Count > 1 ? holds : null, consumer, project, startsAt, endsAt);
    }

    /// <summary>Every resource asked for, with its amount.</summary>
    public ImmutableSortedDictionary<string, long> Holds => Resources ?? OneResource(Resource, Amount);

    /// <summary>The one-entry map of a single-resource reservation.</summary>
    public static ImmutableSortedDictionary<string, long> OneResource(string resource, long amount) =>
        ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal).Add(resource, amount);

    /// <summary>"64 gpus, 512 vcpus": holds for messages, logs and history.</summary>
    public static string Describe(IReadOnlyDictionary<string, long> holds) =>
        string.Join(", ", holds.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} {p.Key}")));

    /// <summary>Whether two maps of holds ask for the same amounts of the same resources.</summary>
    public static bool SameHolds(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var amount) && amount == p.Value);
}
