using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Abstractions.Events;

/// <summary>A webhook rule: which region events go to which target, signed with which secret.</summary>
/// <param name="On">The event kinds delivered.</param>
/// <param name="Regions">Only these regions; empty for every region.</param>
/// <param name="When">Only while a pool's utilization is above a threshold; null for always.</param>
/// <param name="TargetUrl">The absolute http or https URL deliveries are posted to.</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> and base64; only on the way in, never answered.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.EventRule")]
public sealed record EventRule(
    [property: Id(0)] ImmutableArray<RegionEventKind> On,
    [property: Id(1)] ImmutableArray<string> Regions,
    [property: Id(2)] UtilizationCondition? When,
    [property: Id(3)] string TargetUrl,
    [property: Id(4)] string Secret);
