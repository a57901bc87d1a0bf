using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// A change to a held or scheduled reservation: new amounts and a new end. Growing (a larger amount, a later end, or no
/// end) is checked against the pool over the whole interval; shrinking and shortening always fit.
/// </summary>
/// <param name="ReservationId">The reservation to change.</param>
/// <param name="Resources">New amounts of resources it already holds; the others keep theirs. Null changes no amount.</param>
/// <param name="ChangesEnd">Whether <paramref name="EndsAt"/> is given (a null end then means "no end").</param>
/// <param name="EndsAt">The new end, when <paramref name="ChangesEnd"/>.</param>
/// <param name="Amount">The new amount of a reservation of one resource; null changes no amount.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.ReservationPatch")]
public sealed record ReservationPatch(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] ImmutableSortedDictionary<string, long>? Resources,
    [property: Id(2)] bool ChangesEnd,
    [property: Id(3)] DateTimeOffset? EndsAt,
    [property: Id(4)] long? Amount = null);
