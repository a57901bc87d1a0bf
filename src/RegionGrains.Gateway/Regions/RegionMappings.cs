using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Regions;

/// <summary>Maps grain wire types to HTTP DTOs.</summary>
internal static class RegionMappings
{
    public static RegionResponse ToResponse(this RegionSnapshot region) => new(
        region.Id,
        region.Definition.DisplayName,
        region.Definition.CountryCode,
        region.Definition.Geography,
        region.Definition.Latitude,
        region.Definition.Longitude,
        region.Definition.Kind,
        region.Definition.LanguageList,
        region.Definition.SupportHours,
        region.Status,
        region.Capacity.ToDictionary(p => p.Key, p => p.Value.ToResponse(), StringComparer.Ordinal),
        region.Reservations,
        region.Version,
        region.UpdatedAt,
        region.PendingChanges);

    public static CapacityResponse ToResponse(this CapacityPool pool) => new(
        pool.Total,
        pool.Reserved,
        pool.Available,
        pool.Usable,
        pool.Rules.HeldBack,
        pool.Rules.Overcommit,
        pool.Rules.MinUnit,
        pool.Rules.MaxUnit,
        pool.Rules.StepSize);

    /// <summary>The policy a capacity body states; each field left out takes its default.</summary>
    public static PoolPolicy ToPolicy(this CapacityRequest body) => new(
        body.HeldBack ?? PoolPolicy.Default.HeldBack,
        body.Overcommit ?? PoolPolicy.Default.Overcommit,
        body.MinUnit ?? PoolPolicy.Default.MinUnit,
        body.MaxUnit ?? PoolPolicy.Default.MaxUnit,
        body.StepSize ?? PoolPolicy.Default.StepSize);

    public static RegionEventResponse ToResponse(this RegionEvent e) => new(e.Version, e.Time, e.Kind, e.Detail, e.Reason, e.Actor);

    public static string ToETag(this RegionSnapshot region) => $"\"{region.Version}\"";
}
