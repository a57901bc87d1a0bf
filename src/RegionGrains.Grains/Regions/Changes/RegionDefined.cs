using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>The region was created (with <paramref name="InitialStatus"/>) or its definition replaced (no initial status).</summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When it was decided.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Definition">The new definition.</param>
/// <param name="InitialStatus">Status of a newly created region; null when an existing region changed its definition.</param>
/// <param name="SeedCapacity">Pool totals of a region seeded from the catalog; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("rg.defined")]
public sealed record RegionDefined(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] RegionDefinition Definition,
    [property: Id(1)] RegionStatus? InitialStatus,
    [property: Id(2)] ImmutableSortedDictionary<string, long>? SeedCapacity = null) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Defined;

    public override string? Reason => SeedCapacity is null ? null : "catalog seed";

    public override string Describe() => (InitialStatus, SeedCapacity) switch
    {
        (null, _) => $"Definition changed to {Definition.DisplayName} ({Definition.CountryCode}){Site}",
        ({ } status, not null) => $"Seeded from the catalog as {Definition.DisplayName} ({Definition.CountryCode}){Site}, {status}",
        _ => $"Defined as {Definition.DisplayName} ({Definition.CountryCode}){Site}",
    };

    /// <summary>Nothing for a data center (so their history reads as it always did); the kind and languages otherwise.</summary>
    private string Site => Definition.Kind == SiteKind.DataCenter
        ? string.Empty
        : $", service center ({string.Join(", ", Definition.LanguageList)}; {Definition.SupportHours})";
}
