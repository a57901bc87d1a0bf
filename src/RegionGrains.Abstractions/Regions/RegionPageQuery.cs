namespace RegionGrains.Abstractions.Regions;

/// <summary>One page of the region directory: ids after <paramref name="After"/>, at most <paramref name="Limit"/>, filtered.</summary>
/// <param name="After">Only ids greater than this one, in ordinal order; null starts at the beginning.</param>
/// <param name="Limit">Most regions in the page, from 1 to <see cref="MaxLimit"/>.</param>
/// <param name="Status">Only regions in this status; null matches any.</param>
/// <param name="Geography">Only regions in this geography; null matches any.</param>
/// <param name="Kind">Only sites of this kind; null matches any.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionPageQuery")]
public sealed record RegionPageQuery(
    [property: Id(0)] string? After,
    [property: Id(1)] int Limit,
    [property: Id(2)] RegionStatus? Status = null,
    [property: Id(3)] Geography? Geography = null,
    [property: Id(4)] SiteKind? Kind = null)
{
    /// <summary>Page size when the caller names none.</summary>
    public const int DefaultLimit = 1_000;

    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxLimit = 5_000;

    /// <summary>Whether a region passes the filters.</summary>
    public bool Matches(RegionSnapshot region) =>
        (Status is null || region.Status == Status) &&
        (Geography is null || region.Definition.Geography == Geography) &&
        (Kind is null || region.Definition.Kind == Kind);
}
