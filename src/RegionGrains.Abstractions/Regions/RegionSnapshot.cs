using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>The full, immutable state of one region at one version.</summary>
/// <param name="Id">Region id, the grain key.</param>
/// <param name="Definition">Name and location.</param>
/// <param name="Status">Current lifecycle status.</param>
/// <param name="Capacity">Resource pools by name.</param>
/// <param name="Reservations">Number of reservations held.</param>
/// <param name="Version">Increases by one with every change; the HTTP ETag.</param>
/// <param name="UpdatedAt">Time of the last change.</param>
/// <param name="ConsumerUsage">What each named consumer holds here, per resource.</param>
/// <param name="ProjectUsage">What each named project holds here, per resource.</param>
/// <param name="PendingChanges">Changes across regions prepared here and not yet decided (their extra amounts count as reserved).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionSnapshot")]
public sealed record RegionSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] RegionDefinition Definition,
    [property: Id(2)] RegionStatus Status,
    [property: Id(3)] ImmutableSortedDictionary<string, CapacityPool> Capacity,
    [property: Id(4)] int Reservations,
    [property: Id(5)] long Version,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>? ConsumerUsage = null,
    [property: Id(8)] ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>? ProjectUsage = null,
    [property: Id(9)] int PendingChanges = 0);
