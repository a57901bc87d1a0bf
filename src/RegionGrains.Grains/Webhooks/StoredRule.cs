using System.Collections.Immutable;
using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Webhooks;

/// <summary>A rule as stored: its secret only encrypted with the silos' Data Protection keys.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.StoredRule")]
internal sealed record StoredRule(
    [property: Id(0)] ImmutableArray<RegionEventKind> On,
    [property: Id(1)] ImmutableArray<string> Regions,
    [property: Id(2)] UtilizationCondition? When,
    [property: Id(3)] string TargetUrl,
    [property: Id(4)] string ProtectedSecret,
    [property: Id(5)] DateTimeOffset UpdatedAt);
