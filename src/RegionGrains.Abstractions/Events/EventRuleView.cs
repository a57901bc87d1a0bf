using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Events;

/// <summary>A stored webhook rule as it may be shown: everything but its secret.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.EventRuleView")]
public sealed record EventRuleView(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<RegionEventKind> On,
    [property: Id(2)] ImmutableArray<string> Regions,
    [property: Id(3)] UtilizationCondition? When,
    [property: Id(4)] string TargetUrl,
    [property: Id(5)] DateTimeOffset UpdatedAt);
