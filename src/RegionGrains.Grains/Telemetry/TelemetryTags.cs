namespace RegionGrains.Grains.Telemetry;

/// <summary>
/// Attribute names on the RegionGrains spans and metrics, namespaced so they cannot collide with
/// OpenTelemetry's semantic conventions. docs/observability.md lists where each one appears.
/// </summary>
public static class TelemetryTags
{
    public const string RegionId = "regiongrains.region.id";
    public const string Resource = "regiongrains.resource";
    public const string Amount = "regiongrains.amount";
    public const string ReservationId = "regiongrains.reservation.id";
    public const string Outcome = "regiongrains.outcome";
    public const string StatusFrom = "regiongrains.status.from";
    public const string StatusTo = "regiongrains.status.to";
    public const string Version = "regiongrains.region.version";
    public const string Partition = "regiongrains.footprint.partition";
    public const string Consumer = "regiongrains.consumer";
    public const string ChangedRegions = "regiongrains.footprint.changed_regions";
    public const string StalenessMs = "regiongrains.footprint.staleness_ms";

    /// <summary>The value of <see cref="Resource"/> on metrics for a resource the region has no pool of.</summary>
    public const string UnknownResource = "_unknown";
}
