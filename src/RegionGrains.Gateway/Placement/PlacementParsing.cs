using System.Collections.Immutable;
using RegionGrains.Abstractions.Placement;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Placement;

/// <summary>The placement query's own syntax: <c>resources=gpus:64,vcpus:512</c>, <c>near=LAT,LON</c> and the policy names.</summary>
internal static class PlacementParsing
{
    /// <summary>Parses <c>name:amount</c> terms joined by commas; adds an error naming the first bad term.</summary>
    public static ImmutableSortedDictionary<string, long> Resources(string? text, ValidationErrors errors)
    {
        var resources = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            errors.Check(false, "resources", ValidationMessages.ResourceTerms);
            return resources.ToImmutable();
        }

        foreach (var term in text.Split(','))
        {
            var parts = term.Split(':');
            var ok = parts.Length == 2 && RegionNames.IsValidResource(parts[0]) &&
                StrictNumbers.TryParseInt64(parts[1], 1, RegionValidation.MaxPoolTotal, out var amount) &&
                resources.TryAdd(parts[0], amount);
            if (!ok)
            {
                errors.Check(false, "resources", $"'{Quoted(term)}' is not a term name:amount with a new resource name (matching {RegionNames.ResourceRegex}) and an amount from 1 to {RegionValidation.MaxPoolTotal}.");
                return resources.ToImmutable();
            }
        }

        errors.Check(resources.Count <= RegionValidation.MaxResourcesPerReservation, "resources", ValidationMessages.Resources);
        return resources.ToImmutable();
    }

    /// <summary>Parses <c>LAT,LON</c>; null when absent.</summary>
    public static GeoPoint? Near(string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',');
        if (parts.Length == 2 &&
            StrictNumbers.TryParseDecimalDouble(parts[0], out var latitude) &&
            StrictNumbers.TryParseDecimalDouble(parts[1], out var longitude))
        {
            return Near(latitude, longitude, errors);
        }

        errors.Check(false, "near", ValidationMessages.Near);
        return null;
    }

    public static GeoPoint? Near(double latitude, double longitude, ValidationErrors errors)
    {
        var ok = RegionValidation.IsValidLatitude(latitude) && RegionValidation.IsValidLongitude(longitude);
        errors.Check(ok, "near", ValidationMessages.Near);
        return ok ? new GeoPoint(latitude, longitude) : null;
    }

    /// <summary>The policy by name; without one, nearest when a point is given and spread otherwise.</summary>
    public static PlacementPolicy Policy(string? text, GeoPoint? near, ValidationErrors errors)
    {
        PlacementPolicy? policy = text switch
        {
            null => near is null ? PlacementPolicy.Spread : PlacementPolicy.Nearest,
            "pack" => PlacementPolicy.Pack,
            "spread" => PlacementPolicy.Spread,
            "nearest" when near is not null => PlacementPolicy.Nearest,
            _ => null,
        };
        errors.Check(policy is not null, "policy", ValidationMessages.PlacementPolicy);
        return policy ?? PlacementPolicy.Spread;
    }

    /// <summary>The name a policy is written with.</summary>
    public static string NameOf(PlacementPolicy policy) => policy switch
    {
        PlacementPolicy.Pack => "pack",
        PlacementPolicy.Nearest => "nearest",
        _ => "spread",
    };

    /// <summary>A term as the message quotes it: at most 40 characters, control characters shown as '?'.</summary>
    private static string Quoted(string term)
    {
        var shown = term.Length > 40 ? term[..40] + "…" : term;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
