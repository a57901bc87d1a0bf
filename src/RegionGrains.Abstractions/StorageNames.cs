namespace RegionGrains.Abstractions;

/// <summary>Names of the grain storage providers the grains persist through; hosts register providers under these names.</summary>
public static class StorageNames
{
    /// <summary>Region journals: every change of a region, its snapshots and so its history.</summary>
    public const string Regions = "regions";

    /// <summary>
    /// Footprint bookkeeping: which regions each aggregation partition holds, appended to the journal registered
    /// under this name (by default the regions' journal). A SQLite file in the whole-state format keeps the
    /// partitions' whole lists under this name; a silo converts them into journal streams when it starts.
    /// </summary>
    public const string Footprint = "footprint";

    /// <summary>
    /// Placements of orders by reservation id (where each order was held), appended to the journal registered under
    /// this name (by default the regions' journal).
    /// </summary>
    public const string Placement = "placement";

    /// <summary>
    /// Consumers' changes across regions (claims and moves) and their decisions, appended to the journal registered
    /// under this name (by default the regions' journal).
    /// </summary>
    public const string Consumers = "consumers";

    /// <summary>
    /// Webhook rules: each rule's definition, delivery cursors and delivery log, appended to the journal registered
    /// under this name (by default the regions' journal).
    /// </summary>
    public const string Webhooks = "webhooks";
}
