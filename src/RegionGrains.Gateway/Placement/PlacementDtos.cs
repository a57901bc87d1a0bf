using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Placement;

/// <summary>A region that can take the whole order now.</summary>
public sealed record PlacementCandidateResponse(
    string RegionId,
    string DisplayName,
    Geography Geography,
    RegionStatus Status,
    IReadOnlyDictionary<string, long> Available,
    IReadOnlyDictionary<string, double> Utilization,
    double? DistanceKm,
    long Version,
    DateTimeOffset UpdatedAt);

/// <summary>
/// The answer of <c>GET /api/placement/candidates</c>: the candidates best first by <c>policy</c>, and <c>asOf</c>, when
/// the footprint partitions answered (each region's figures include its changes up to the footprint's staleness).
/// </summary>
public sealed record PlacementCandidatesResponse(string Policy, DateTimeOffset AsOf, PlacementCandidateResponse[] Candidates);

/// <summary>The point a nearest placement measures from.</summary>
public sealed record NearRequest(double? Latitude, double? Longitude);

/// <summary>The filters of a placement: the same as the candidates query's parameters.</summary>
public sealed record PlacementConstraints(RegionStatus? Status = null, Geography? Geography = null, SiteKind? Kind = null, NearRequest? Near = null);

/// <summary>Body of <c>POST /api/placement/reservations</c>.</summary>
public sealed record PlacementReservationRequest(
    string? ReservationId,
    IReadOnlyDictionary<string, long>? Resources,
    PlacementConstraints? Constraints = null,
    string? Policy = null,
    long? TtlSeconds = null,
    string? Consumer = null,
    string? Project = null);

/// <summary>A candidate that refused an order, in a 409 no-candidate problem.</summary>
public sealed record PlacementAttemptResponse(string RegionId, string Reason);
