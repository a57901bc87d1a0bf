namespace RegionGrains.LoadTest.Invariants;

/// <summary>Where the checks of claims and usages read from: a region's reservations, a consumer, a project's usage.</summary>
public interface IHoldingsSource
{
    /// <summary>Every reservation the region holds, page after page; null when the region does not exist.</summary>
    Task<IReadOnlyList<ReservationView>?> ListReservationsAsync(string regionId, CancellationToken cancellationToken);

    /// <summary>The consumer's version, claims and whether a change of its is still being completed.</summary>
    Task<ConsumerStateView> GetConsumerAsync(string consumer, CancellationToken cancellationToken);

    /// <summary>What the service sums for <paramref name="project"/> per resource over every region.</summary>
    Task<IReadOnlyDictionary<string, long>> GetUsageAsync(string project, CancellationToken cancellationToken);
}
