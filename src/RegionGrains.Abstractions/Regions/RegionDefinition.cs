namespace RegionGrains.Abstractions.Regions;

/// <summary>What a region is: its name and where it stands.</summary>
/// <param name="DisplayName">Human-readable name, e.g. "Brazil South (São Paulo)".</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 country code.</param>
/// <param name="Geography">The geography it belongs to.</param>
/// <param name="Latitude">Latitude in degrees, -90 to 90.</param>
/// <param name="Longitude">Longitude in degrees, -180 to 180.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionDefinition")]
public sealed record RegionDefinition(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string CountryCode,
    [property: Id(2)] Geography Geography,
    [property: Id(3)] double Latitude,
    [property: Id(4)] double Longitude);
