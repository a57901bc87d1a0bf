using RegionGrains.Abstractions.Consumers;

namespace RegionGrains.Grains.Consumers;

/// <summary>
/// One journaled step of a consumer: a change began (before any region prepares), was decided (before any region
/// hears the decision), or ended (every region has applied the decision). Exactly one field is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.consumer.step")]
public sealed record ConsumerStep
{
    [Id(0)] public ConsumerTx? Began { get; init; }

    /// <summary>The decision on the change in flight, and the answer it gave (or would have given) its caller.</summary>
    [Id(1)] public ConsumerResult? Decided { get; init; }

    /// <summary>The id of the change that ended.</summary>
    [Id(2)] public string? Ended { get; init; }
}
