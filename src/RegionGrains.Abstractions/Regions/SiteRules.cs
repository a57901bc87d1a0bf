namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// What each kind of site carries, shared by the grains and the gateway: a service center must say which languages
/// it supports and when; a data center carries neither (it is described by its capacity instead).
/// </summary>
public static class SiteRules
{
    /// <summary>Most languages one service center may list.</summary>
    public const int MaxLanguages = 32;

    /// <summary>Longest support-hours text, e.g. <c>24/7</c> or <c>Mo-Fr 08:00-18:00 Europe/Berlin</c>.</summary>
    public const int MaxSupportHoursLength = 100;

    /// <summary>Whether <paramref name="code"/> is an ISO 639-1 code in force, in lowercase (<see cref="LanguageCodes"/>): zz has the shape of one and is none.</summary>
    public static bool IsValidLanguage(string? code) => LanguageCodes.IsIso6391(code);

    /// <summary>
    /// Every problem with the site fields of a definition of kind <paramref name="kind"/>, as the request field it is
    /// about and a message; empty when there is none, or when the kind itself is unknown (that is its own problem).
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(SiteKind kind, IReadOnlyList<string>? languages, string? supportHours)
    {
        var count = languages?.Count ?? 0;
        if (kind == SiteKind.DataCenter)
        {
            if (count > 0)
            {
                yield return ("languages", ValidationMessages.LanguagesOfDataCenter);
            }

            if (supportHours is not null)
            {
                yield return ("supportHours", ValidationMessages.SupportHoursOfDataCenter);
            }

            yield break;
        }

        if (kind != SiteKind.ServiceCenter)
        {
            yield break;
        }

        if (count is 0 or > MaxLanguages)
        {
            yield return ("languages", ValidationMessages.LanguagesCount);
        }
        else if (!languages!.All(IsValidLanguage))
        {
            yield return ("languages", ValidationMessages.LanguageCode);
        }
        else if (languages!.Distinct(StringComparer.Ordinal).Count() != count)
        {
            yield return ("languages", ValidationMessages.LanguagesOnce);
        }

        if (!RegionValidation.IsText(supportHours, MaxSupportHoursLength))
        {
            yield return ("supportHours", ValidationMessages.SupportHours);
        }
    }
}
