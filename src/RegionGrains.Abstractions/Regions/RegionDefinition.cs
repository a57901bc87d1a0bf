using System.Collections.Immutable;

namespace RegionGrains.Abstractions.Regions;

/// <summary>What a region is: its name, where it stands, and what kind of site it is.</summary>
/// <param name="DisplayName">Human-readable name, e.g. "Brazil South (São Paulo)".</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 country code.</param>
/// <param name="Geography">The geography it belongs to.</param>
/// <param name="Latitude">Latitude in degrees, -90 to 90.</param>
/// <param name="Longitude">Longitude in degrees, -180 to 180.</param>
/// <param name="Kind">Data center (the default) or service center; data written before kinds existed reads as a data center.</param>
/// <param name="Languages">For a service center, the ISO 639-1 codes of the languages it supports; empty (or default) otherwise.</param>
/// <param name="SupportHours">For a service center, when it answers, e.g. <c>24/7</c>; null otherwise.</param>
/// <remarks>
/// Equality is by value over every field, the languages included (an <see cref="ImmutableArray{T}"/> alone compares
/// by reference): defining a region again with an equal definition is "no change", not a new version.
/// A default <see cref="Languages"/> (what data written before kinds existed decodes to) equals an empty one.
/// </remarks>
[GenerateSerializer, Immutable, Alias("RegionGrains.RegionDefinition")]
public sealed record RegionDefinition(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string CountryCode,
    [property: Id(2)] Geography Geography,
    [property: Id(3)] double Latitude,
    [property: Id(4)] double Longitude,
    [property: Id(5)] SiteKind Kind = SiteKind.DataCenter,
    [property: Id(6)] ImmutableArray<string> Languages = default,
    [property: Id(7)] string? SupportHours = null)
{
    /// <summary>The languages, empty rather than default.</summary>
    public ImmutableArray<string> LanguageList => Languages.IsDefault ? [] : Languages;

    /// <summary>Whether <paramref name="other"/> defines the same site, field by field and language by language.</summary>
    public bool Equals(RegionDefinition? other) =>
        other is not null &&
        DisplayName == other.DisplayName &&
        CountryCode == other.CountryCode &&
        Geography == other.Geography &&
        Latitude.Equals(other.Latitude) &&
        Longitude.Equals(other.Longitude) &&
        Kind == other.Kind &&
        Languages.AsSpan().SequenceEqual(other.Languages.AsSpan()) &&
        SupportHours == other.SupportHours;

    /// <summary>A hash over the same fields as <see cref="Equals(RegionDefinition?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(DisplayName);
        hash.Add(CountryCode);
        hash.Add(Geography);
        hash.Add(Latitude);
        hash.Add(Longitude);
        hash.Add(Kind);
        foreach (var language in Languages.AsSpan())
        {
            hash.Add(language);
        }

        hash.Add(SupportHours);
        return hash.ToHashCode();
    }
}
