using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Footprint;

/// <summary>
/// The global footprint as the API returns it; <c>resources</c> sums data centers only. <c>complete</c> is false while
/// <c>unconfirmedRegions</c> regions are counted from their partition's last stored checkpoint, not yet checked
/// against their journals (seconds after a restart): the sums are then not exact.
/// </summary>
public sealed record FootprintResponse(
    int Regions,
    IReadOnlyDictionary<RegionStatus, int> ByStatus,
    IReadOnlyDictionary<Geography, int> ByGeography,
    IReadOnlyDictionary<SiteKind, int> ByKind,
    IReadOnlyDictionary<string, ResourceResponse> Resources,
    DateTimeOffset ComputedAt,
    bool Complete,
    int UnconfirmedRegions)
{
    public static FootprintResponse From(GlobalFootprint footprint) => new(
        footprint.Regions,
        footprint.ByStatus,
        footprint.ByGeography,
        footprint.ByKind,
        footprint.Resources.ToDictionary(p => p.Key, p => new ResourceResponse(p.Value.Total, p.Value.Reserved, p.Value.Usable, p.Value.Available, p.Value.Utilization), StringComparer.Ordinal),
        footprint.ComputedAt,
        footprint.Unconfirmed == 0,
        footprint.Unconfirmed);
}

/// <summary>
/// One resource summed over all data centers: <c>total</c> is installed, <c>usable</c> what the pools' policies allow
/// to allocate; <c>available</c> is usable minus reserved and <c>utilization</c> reserved over usable.
/// </summary>
public sealed record ResourceResponse(long Total, long Reserved, long Usable, long Available, double Utilization);
