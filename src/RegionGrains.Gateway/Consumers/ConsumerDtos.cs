namespace RegionGrains.Gateway.Consumers;

/// <summary>What a consumer holds in one region.</summary>
public sealed record ConsumerHoldingResponse(string RegionId, IReadOnlyDictionary<string, long> Resources, long RegionVersion);

/// <summary>
/// A consumer: <c>allocations</c> are its claims as last committed (region to resource to amount), <c>holdings</c>
/// everything it holds region by region (claims and reservations naming it) as of <c>asOf</c>; <c>pending</c> says a
/// change it coordinates is still being completed in some region.
/// </summary>
public sealed record ConsumerResponse(
    string Consumer,
    long Version,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Allocations,
    ConsumerHoldingResponse[] Holdings,
    DateTimeOffset AsOf,
    bool Pending);

/// <summary>Body of <c>PUT /api/consumers/{consumer}/allocations</c>.</summary>
public sealed record AllocationsRequest(
    string? ClaimId,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? Allocations,
    long? TtlSeconds = null,
    string? Project = null);

/// <summary>The consumer's claims after a claim or a move.</summary>
public sealed record AllocationsResponse(string Consumer, long Version, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Allocations);

/// <summary>Where a move takes a reservation from.</summary>
public sealed record MoveFrom(string? RegionId, string? ReservationId);

/// <summary>Where a move takes a reservation to.</summary>
public sealed record MoveTo(string? RegionId);

/// <summary>Body of <c>POST /api/moves</c>.</summary>
public sealed record MoveCreateRequest(string? MoveId, string? Consumer, MoveFrom? From, MoveTo? To, IReadOnlyDictionary<string, long>? Resources = null);

/// <summary>A project's usage: what its reservations hold, per resource, over every region.</summary>
public sealed record UsageResponse(string Project, IReadOnlyDictionary<string, long> Resources, int Regions, DateTimeOffset AsOf);
