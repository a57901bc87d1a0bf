using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>The <c>scale</c> scenario's own figures; <see cref="RegionsCreatedPerSecond"/> only in seeded mode.</summary>
public sealed record ScaleDetails(
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RegionsCreatedPerSecond,
    double BytesPerActivation,
    double PingBytesPerActivation,
    ManagedHeapReport ManagedHeapBytes,
    int? ActivationsInSilo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PartitionBytesPerRegion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ActivationsAfterPartitionsLoaded,
    double ActivationsPerSecond,
    LatencyReport BaselineLatencyMs,
    string Note,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object?>? Paging = null);
