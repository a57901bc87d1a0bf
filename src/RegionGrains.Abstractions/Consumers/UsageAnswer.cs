using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>What a project holds, summed per resource over every region, and when the footprint partitions answered.</summary>
/// <param name="Project">The project.</param>
/// <param name="Resources">Resource to the amount its reservations hold.</param>
/// <param name="Regions">How many regions it holds anything in.</param>
/// <param name="AsOf">When the partitions answered (the earliest of them).</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.UsageAnswer")]
public sealed record UsageAnswer(
    [property: Id(0)] string Project,
    [property: Id(1)] ImmutableSortedDictionary<string, long> Resources,
    [property: Id(2)] int Regions,
    [property: Id(3)] DateTimeOffset AsOf);
