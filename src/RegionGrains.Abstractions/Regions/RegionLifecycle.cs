using System.Collections.Frozen;

namespace RegionGrains.Abstractions.Regions;

/// <summary>The status transitions a region allows, exactly as the design contract's table.</summary>
public static class RegionLifecycle
{
    private static readonly FrozenDictionary<RegionStatus, RegionStatus[]> Allowed =
        new Dictionary<RegionStatus, RegionStatus[]>
        {
            [RegionStatus.Planned] = [RegionStatus.UnderConstruction, RegionStatus.Decommissioned],
            [RegionStatus.UnderConstruction] = [RegionStatus.Launching, RegionStatus.Decommissioned],
            [RegionStatus.Launching] = [RegionStatus.Online, RegionStatus.UnderConstruction],
            [RegionStatus.Online] = [RegionStatus.Degraded, RegionStatus.Maintenance, RegionStatus.Offline],
            [RegionStatus.Degraded] = [RegionStatus.Online, RegionStatus.Maintenance, RegionStatus.Offline],
            [RegionStatus.Maintenance] = [RegionStatus.Online, RegionStatus.Degraded, RegionStatus.Offline],
            [RegionStatus.Offline] = [RegionStatus.Online, RegionStatus.Maintenance, RegionStatus.Decommissioned],
            [RegionStatus.Decommissioned] = [],
        }.ToFrozenDictionary();

    /// <summary>The statuses a region in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<RegionStatus> AllowedTargets(RegionStatus from) => Allowed[from];

    /// <summary>Whether a region in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(RegionStatus from, RegionStatus to) => Array.IndexOf(Allowed[from], to) >= 0;

    /// <summary>Whether a region in <paramref name="status"/> accepts new reservations.</summary>
    public static bool AcceptsReservations(RegionStatus status) =>
        status is RegionStatus.Launching or RegionStatus.Online or RegionStatus.Degraded;
}
