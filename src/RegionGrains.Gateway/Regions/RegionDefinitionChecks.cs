using Microsoft.AspNetCore.Mvc;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Regions;

/// <summary>
/// What <c>PUT /api/regions/{id}</c> and <c>POST /api/regions:batch</c> share about a definition: its field checks
/// (the rules themselves live in Abstractions), the definition a valid body states, and the problem of each refusal
/// the grain can answer.
/// </summary>
internal static class RegionDefinitionChecks
{
    /// <summary>Checks every field of a definition body; each problem is listed under the field it concerns.</summary>
    public static ValidationErrors Definition(this ValidationErrors errors, RegionDefinitionRequest body)
    {
        errors
            .Check(RegionValidation.IsValidDisplayName(body.DisplayName), "displayName", ValidationMessages.DisplayName)
            .Check(RegionNames.IsValidCountryCode(body.CountryCode), "countryCode", ValidationMessages.CountryCode)
            .Check(body.Geography is { } g && Enum.IsDefined(g), "geography", ValidationMessages.Geography)
            .Check(body.Latitude is { } lat && RegionValidation.IsValidLatitude(lat), "latitude", ValidationMessages.Latitude)
            .Check(body.Longitude is { } lon && RegionValidation.IsValidLongitude(lon), "longitude", ValidationMessages.Longitude)
            .Check(body.Kind is null || Enum.IsDefined(body.Kind.Value), "kind", ValidationMessages.Kind);
        foreach (var (field, message) in SiteRules.Problems(body.Kind ?? SiteKind.DataCenter, body.Languages, body.SupportHours))
        {
            errors.Check(false, field, message);
        }

        return errors;
    }

    /// <summary>The definition a body that passed <see cref="Definition"/> states; without a kind, a data center.</summary>
    public static RegionDefinition ToDefinition(this RegionDefinitionRequest body) => new(
        body.DisplayName!,
        body.CountryCode!,
        body.Geography!.Value,
        body.Latitude!.Value,
        body.Longitude!.Value,
        body.Kind ?? SiteKind.DataCenter,
        [.. body.Languages ?? []],
        body.SupportHours);

    /// <summary>
    /// The problem of a definition the grain refused for what it says (not for a precondition): a kind change is a
    /// conflict, anything else the grain found invalid a validation problem.
    /// </summary>
    public static ProblemDetails Refusal(RegionResult result) => result.Outcome switch
    {
        RegionOutcome.KindChangeRefused => Problem.ConflictDetails(
            ProblemTypes.KindChangeRefused,
            "A region's kind cannot change",
            result.Detail,
            new Dictionary<string, object?> { ["kind"] = result.Region?.Definition.Kind.ToString() }),
        _ => Problem.InvalidDetails(new Dictionary<string, string[]> { ["definition"] = [result.Detail ?? "The definition is not valid."] }),
    };
}
