using System.Text.RegularExpressions;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// Syntax rules for the identifiers of the domain, shared by the grains and the gateway. Each pattern matches the
/// whole value and nothing more: .NET's <c>$</c> also matches before a final newline, so the patterns the code runs
/// end in <c>\z</c>; the <c>...Regex</c> constants are the same rules written for people and for OpenAPI.
/// </summary>
public static partial class RegionNames
{
    /// <summary>Whether <paramref name="id"/> is a valid region id (a lowercase slug).</summary>
    public static bool IsValidRegionId(string? id) => id is not null && RegionIdPattern().IsMatch(id);

    /// <summary>Whether <paramref name="resource"/> is a valid capacity pool name.</summary>
    public static bool IsValidResource(string? resource) => resource is not null && ResourcePattern().IsMatch(resource);

    /// <summary>Whether <paramref name="reservationId"/> is a valid reservation id.</summary>
    public static bool IsValidReservationId(string? reservationId) =>
        reservationId is not null && ReservationIdPattern().IsMatch(reservationId);

    /// <summary>Whether <paramref name="name"/> is a valid consumer or project name (the reservation id's syntax).</summary>
    public static bool IsValidConsumer(string? name) => IsValidReservationId(name);

    /// <summary>Whether <paramref name="code"/> looks like an ISO 3166-1 alpha-2 code (two upper-case letters).</summary>
    public static bool IsValidCountryCode(string? code) => code is not null && CountryCodePattern().IsMatch(code);

    /// <summary>The region id pattern, for error messages and OpenAPI.</summary>
    public const string RegionIdRegex = "^[a-z0-9][a-z0-9-]{1,62}$";

    /// <summary>The resource name pattern.</summary>
    public const string ResourceRegex = "^[a-z][a-z0-9_]{0,31}$";

    /// <summary>The reservation id pattern.</summary>
    public const string ReservationIdRegex = "^[A-Za-z0-9._:-]{1,64}$";

    /// <summary>The consumer and project name pattern.</summary>
    public const string ConsumerRegex = ReservationIdRegex;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReservationIdPattern();

    [GeneratedRegex(@"^[A-Z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodePattern();
}
