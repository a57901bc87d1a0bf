namespace RegionGrains.Abstractions.Events;

/// <summary>A rule's condition: the region's pool <paramref name="Resource"/> is more than <paramref name="Above"/> utilized (0 to 1) and has been for <paramref name="For"/>.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.UtilizationCondition")]
public sealed record UtilizationCondition(
    [property: Id(0)] string Resource,
    [property: Id(1)] double Above,
    [property: Id(2)] TimeSpan For);
