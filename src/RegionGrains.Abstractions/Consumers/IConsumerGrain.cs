using Orleans.Concurrency;

namespace RegionGrains.Abstractions.Consumers;

/// <summary>
/// One consumer (keyed by its name): coordinates its changes across regions — claims and moves — all or nothing, and
/// knows what it holds everywhere.
/// </summary>
[Alias("RegionGrains.IConsumerGrain")]
public interface IConsumerGrain : IGrainWithStringKey
{
    /// <summary>The consumer's claims and everything it holds.</summary>
    /// <remarks>
    /// Interleaves with changes: it reads the committed state (replaced whole, never edited) and the partitions, so a
    /// read never waits for a change's regions.
    /// </remarks>
    [Alias("Get"), AlwaysInterleave, Idempotent]
    Task<ConsumerView> GetAsync();

    /// <summary>Replaces the consumer's claims with exactly <paramref name="request"/>'s allocations, or changes nothing.</summary>
    /// <param name="request">The allocations and the claim's idempotency key.</param>
    /// <param name="expectedVersion">When set, only at this consumer version.</param>
    /// <param name="dryRun">When true, answers whether every region would take its part, and stores nothing.</param>
    [Alias("Claim"), Idempotent]
    Task<ConsumerResult> ClaimAsync(ClaimRequest request, long? expectedVersion = null, bool dryRun = false);

    /// <summary>Moves one of the consumer's reservations to another region, or changes nothing.</summary>
    [Alias("Move"), Idempotent]
    Task<ConsumerResult> MoveAsync(MoveRequest request, bool dryRun = false);

    /// <summary>
    /// A region asks for the decision on a change it prepared whose lease is up. One-way: the consumer completes the
    /// change (deciding abort if it never decided, after a crash) and sends the decision to every region in it.
    /// </summary>
    [Alias("Resolve"), OneWay]
    Task ResolveAsync(string txId, string regionId);
}
