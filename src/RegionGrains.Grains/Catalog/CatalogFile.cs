using System.Text.Json;
using System.Text.Json.Serialization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Catalog;

/// <summary>The catalog file format: a note and a list of regions with their initial status and capacity.</summary>
internal sealed record CatalogFile(string? Note, IReadOnlyList<CatalogRegion> Regions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<CatalogFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<CatalogFile>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"The catalog '{path}' is empty.");
    }
}

/// <summary>One region of the catalog; <see cref="Kind"/> is DataCenter when omitted.</summary>
internal sealed record CatalogRegion(
    string Id,
    string DisplayName,
    string CountryCode,
    Geography Geography,
    double Latitude,
    double Longitude,
    RegionStatus Status,
    IReadOnlyDictionary<string, long>? Capacity,
    SiteKind? Kind = null,
    IReadOnlyList<string>? Languages = null,
    string? SupportHours = null);
