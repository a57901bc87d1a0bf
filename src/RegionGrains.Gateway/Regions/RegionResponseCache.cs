using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Regions;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// The serialized body and ETag of each region's latest answer to <c>GET /api/regions/{id}</c>. A region's version
/// changes with every change to it (it is the ETag), so while the grain answers with the same version and update
/// time the bytes are the same and are written as they are, without mapping or serializing again. The update time
/// guards against a region recreated from scratch under the same version (a wiped data directory behind a running
/// gateway). Bounded: past <see cref="MaxEntries"/> regions the cache starts over.
/// </summary>
public sealed class RegionResponseCache(IOptions<JsonOptions> jsonOptions)
{
    /// <summary>Regions whose answer is kept; a few hundred bytes each.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _options = jsonOptions.Value.SerializerOptions;

    /// <summary>The region's body and ETag, serialized once per version.</summary>
    public Entry Get(RegionSnapshot region)
    {
        if (_entries.TryGetValue(region.Id, out var entry) && entry.Version == region.Version && entry.UpdatedAt == region.UpdatedAt)
        {
            return entry;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(region.ToResponse(), _options.GetTypeInfo(typeof(RegionResponse)));
        entry = new Entry(region.Version, region.UpdatedAt, string.Create(CultureInfo.InvariantCulture, $"\"{region.Version}\""), body);
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(region.Id))
        {
            _entries.Clear();
        }

        // A concurrent request may store an older version last; the next request with the newer one replaces it.
        _entries[region.Id] = entry;
        return entry;
    }

    /// <summary>One region's serialized answer.</summary>
    public sealed record Entry(long Version, DateTimeOffset UpdatedAt, string ETag, byte[] Body);
}
