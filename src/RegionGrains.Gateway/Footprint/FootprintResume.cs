using System.Globalization;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Grains;

namespace RegionGrains.Gateway.Footprint;

/// <summary>
/// What resuming the footprint stream means. The stream carries states, not deltas: the current footprint makes every
/// earlier one obsolete, and a region event is the region as it is. So a resumed stream sends the regions that changed
/// since the id, then the current footprint; a region sent twice is harmless, a region missed is not.
/// </summary>
internal static class FootprintResume
{
    /// <summary>
    /// Above this many regions a resume sends only the current footprint: listing every region on each reconnect of
    /// every browser would cost more than the client re-reading <c>/api/regions</c> once.
    /// </summary>
    public const int RegionLimit = RegionPageQuery.MaxLimit;

    /// <summary>
    /// Regions updated this long before the id are sent too: a footprint may be computed before it includes a region
    /// that changed just before it (pushes are coalesced), and the regions' and the coordinator's clocks may differ.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    public static string IdOf(GlobalFootprint footprint) =>
        footprint.ComputedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The regions that changed after <paramref name="since"/> (Unix milliseconds) less the overlap, sorted by id.</summary>
    public static async Task<IReadOnlyList<RegionSnapshot>> ChangedSinceAsync(IClusterClient cluster, GlobalFootprint current, long since)
    {
        if (current.Regions > RegionLimit)
        {
            return [];
        }

        var from = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(since, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())) - Overlap;
        var page = await cluster.RegionDirectory().ListAsync(new RegionPageQuery(null, RegionLimit));
        return page.Regions.Where(r => r.UpdatedAt > from).ToList();
    }
}
