namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// The wording of every validation rule, written once: the gateway answers a 400 with these messages under the field
/// they name, and the grains, which refuse the same values from any other caller, answer with the same words.
/// </summary>
/// <remarks>
/// A messages class the rules (<see cref="RegionValidation"/>, <see cref="RegionNames"/>, <see cref="ScheduleValidation"/>,
/// <see cref="SiteRules"/>, the webhook rules) and the gateway's checks share, rather than the platform's
/// <c>AddValidation</c>: the grains enforce the rules on every caller and run no ASP.NET Core validation; many rules
/// span fields (the two reservation forms, an interval, a pool policy) or read a route value, a query parameter or a
/// header; and the messages name the field as the API spells it with its pattern or range. Attributes on the request
/// types would restate each rule beside the grain's copy. The HTTP-only messages (conditional headers, paging, query
/// filters) are here too, so that one list holds every message.
/// </remarks>
public static class ValidationMessages
{
    /// <summary>A region id that breaks <see cref="RegionNames.IsValidRegionId"/>.</summary>
    public const string RegionId = "Region ids match " + RegionNames.RegionIdRegex + ".";

    /// <summary>A reservation id that breaks <see cref="RegionNames.IsValidReservationId"/>.</summary>
    public const string ReservationId = "reservationId is required and matches " + RegionNames.ReservationIdRegex + ".";

    /// <summary>A reservation id in the range kept for consumers' claims.</summary>
    public const string ClaimPrefix = "reservationId must not start with 'claim:': those ids are kept for consumers' claims.";

    /// <summary>A resource name (in a route or a filter) that breaks <see cref="RegionNames.IsValidResource"/>.</summary>
    public const string Resource = "Resource names match " + RegionNames.ResourceRegex + ".";

    /// <summary>A missing or malformed <c>resource</c> of a one-resource reservation.</summary>
    public const string ResourceRequired = "resource is required and matches " + RegionNames.ResourceRegex + ".";

    /// <summary>A pool total out of range.</summary>
    public static readonly string Total = $"total is required, a whole number from 0 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A reservation amount out of range.</summary>
    public static readonly string Amount = $"amount is required, a whole number from 1 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A reservation lifetime out of range.</summary>
    public static readonly string Ttl = $"ttlSeconds, when given, is a whole number of seconds from 1 to {int.MaxValue}.";

    /// <summary>A wait out of range.</summary>
    public static readonly string Wait = $"waitSeconds, when given, is a whole number of seconds from 1 to {RegionValidation.MaxWaitSeconds}.";

    /// <summary>A display name that breaks <see cref="RegionValidation.IsValidDisplayName"/>.</summary>
    public static readonly string DisplayName =
        $"displayName is required: 1 to {RegionValidation.MaxDisplayNameLength} characters, not only spaces or invisible characters (such as zero-width spaces), without control characters.";

    /// <summary>A reason that breaks <see cref="RegionValidation.IsValidReason"/>.</summary>
    public static readonly string Reason =
        $"reason is required: 1 to {RegionValidation.MaxReasonLength} characters, not only spaces or invisible characters (such as zero-width spaces), without control characters.";

    /// <summary>A country code that breaks <see cref="RegionNames.IsValidCountryCode"/>.</summary>
    public const string CountryCode = "countryCode must be an ISO 3166-1 alpha-2 code such as BR.";

    /// <summary>A missing or unknown geography.</summary>
    public static readonly string Geography = $"geography is required, one of {RegionValidation.Names<Geography>()}.";

    /// <summary>A latitude missing or out of range.</summary>
    public const string Latitude = "latitude is required, a number between -90 and 90.";

    /// <summary>A longitude missing or out of range.</summary>
    public const string Longitude = "longitude is required, a number between -180 and 180.";

    /// <summary>An unknown site kind.</summary>
    public static readonly string Kind = $"kind must be one of {RegionValidation.Names<SiteKind>()} (DataCenter when omitted).";

    /// <summary>A missing or unknown status of a status change.</summary>
    public static readonly string Status = $"status is required, one of {RegionValidation.Names<RegionStatus>()}.";

    /// <summary>Languages given for a data center.</summary>
    public const string LanguagesOfDataCenter = "languages apply only to service centers (kind ServiceCenter); a data center has none.";

    /// <summary>Support hours given for a data center.</summary>
    public const string SupportHoursOfDataCenter = "supportHours apply only to service centers (kind ServiceCenter); a data center has none.";

    /// <summary>A service center without languages, or with too many.</summary>
    public static readonly string LanguagesCount = $"languages must list the 1 to {SiteRules.MaxLanguages} languages the service center supports.";

    /// <summary>A language that is not an ISO 639-1 code in lowercase.</summary>
    public const string LanguageCode = "languages must be ISO 639-1 language codes in lowercase, such as en or id.";

    /// <summary>A language listed twice.</summary>
    public const string LanguagesOnce = "languages must list each language once.";

    /// <summary>Support hours missing or not one line of text.</summary>
    public static readonly string SupportHours =
        $"supportHours must say when the service center answers, 1 to {SiteRules.MaxSupportHoursLength} characters, not only spaces or invisible characters, without control characters, e.g. 24/7 or Mo-Fr 08:00-18:00 Europe/Berlin.";

    /// <summary>A heldBack out of range.</summary>
    public static readonly string HeldBack = $"heldBack, when given, is a whole number from 0 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A heldBack above the pool's total.</summary>
    public static string HeldBackAboveTotal(long heldBack, long total) => $"heldBack ({heldBack}) cannot exceed the total ({total}).";

    /// <summary>An overcommit out of range.</summary>
    public static readonly string Overcommit = $"overcommit, when given, is a number from 1.0 to {RegionValidation.MaxOvercommit}.";

    /// <summary>A minUnit out of range.</summary>
    public static readonly string MinUnit = $"minUnit, when given, is a whole number from 1 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A maxUnit out of range or below minUnit.</summary>
    public static readonly string MaxUnit = $"maxUnit, when given, is a whole number from minUnit to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A stepSize out of range.</summary>
    public static readonly string StepSize = $"stepSize, when given, is a whole number from 1 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A <c>resources</c> map that is empty, too large or holds a bad entry.</summary>
    public static readonly string Resources =
        $"resources maps 1 to {RegionValidation.MaxResourcesPerReservation} resource names (matching {RegionNames.ResourceRegex}) to amounts from 1 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>The <c>resources</c> query of a placement, missing or malformed.</summary>
    public static readonly string ResourceTerms = $"resources is required: name:amount terms joined by commas, e.g. gpus:64,vcpus:512. {Resources}";

    /// <summary>A reservation request that gives both or neither of the two forms.</summary>
    public const string ReservationForm = "Give either resource and amount, or resources (a map of resource to amount), not both.";

    /// <summary>A reservation patch that gives both amount and resources.</summary>
    public const string PatchForm = "Give amount (a reservation of one resource) or resources, not both.";

    /// <summary>A consumer name that breaks <see cref="RegionNames.IsValidConsumer"/>.</summary>
    public const string Consumer = "consumer, when given, matches " + RegionNames.ConsumerRegex + ".";

    /// <summary>A consumer name that is missing or breaks <see cref="RegionNames.IsValidConsumer"/>.</summary>
    public const string ConsumerRequired = "consumer is required and matches " + RegionNames.ConsumerRegex + ".";

    /// <summary>A project name that breaks <see cref="RegionNames.IsValidConsumer"/>.</summary>
    public const string Project = "project, when given, matches " + RegionNames.ConsumerRegex + ".";

    /// <summary>A project name that is missing or breaks <see cref="RegionNames.IsValidConsumer"/>.</summary>
    public const string ProjectRequired = "project is required and matches " + RegionNames.ConsumerRegex + ".";

    /// <summary>A claim id that is missing or malformed.</summary>
    public const string ClaimId = "claimId is required and matches " + RegionNames.ReservationIdRegex + ".";

    /// <summary>A move id that is missing or malformed.</summary>
    public const string MoveId = "moveId is required and matches " + RegionNames.ReservationIdRegex + ".";

    /// <summary>A move to the region it starts from.</summary>
    public const string MoveTarget = "to.regionId must differ from from.regionId.";

    /// <summary>An <c>allocations</c> map that is too large or holds a bad entry.</summary>
    public static readonly string Allocations =
        $"allocations maps up to {RegionValidation.MaxRegionsPerClaim} region ids (matching {RegionNames.RegionIdRegex}) to maps of up to {RegionValidation.MaxResourcesPerReservation} resource names to amounts from 1 to {RegionValidation.MaxPoolTotal}; an empty map releases every claim.";

    /// <summary>Both ways to give an end.</summary>
    public const string EndsAtOrTtl = "Give endsAt or ttlSeconds, not both: ttlSeconds counts from the start.";

    /// <summary>A start too far ahead.</summary>
    public const string StartsAtHorizon = "startsAt must be within ten years from now.";

    /// <summary>An end too far ahead.</summary>
    public const string EndsAtHorizon = "endsAt must be within ten years from now.";

    /// <summary>A new reservation's end at or before its start or now.</summary>
    public const string EndsAtAfterStart = "endsAt must be later than startsAt and than now.";

    /// <summary>A changed end at or before the reservation's start.</summary>
    public const string EndsAtAfterReservationStart = "endsAt must be later than the reservation's start.";

    /// <summary>A changed end in the past.</summary>
    public const string EndsAtInFuture = "endsAt must be in the future; release the reservation to end it now.";

    /// <summary>A changed end that is neither an instant nor null.</summary>
    public const string EndsAtInstantOrNull = "endsAt must be an RFC 3339 instant with an offset, or null for no end.";

    /// <summary>An instant without an offset, or not RFC 3339.</summary>
    public static string Instant(string field) => $"{field} must be an RFC 3339 instant with an offset, such as 2027-01-01T00:00:00Z.";

    /// <summary>A scheduled change's id that is not valid.</summary>
    public const string ChangeId = "changeId, when given, matches " + RegionNames.ReservationIdRegex + ".";

    /// <summary>A scheduled change's instant missing, past or too far ahead.</summary>
    public const string At = "at is required: an RFC 3339 instant with an offset, such as 2027-01-01T00:00:00Z, in the future and within ten years from now.";

    /// <summary>A scheduled change that changes nothing.</summary>
    public const string ScheduledNothing = "Give status (with reason), capacity, or both.";

    /// <summary>An unknown status of a scheduled change.</summary>
    public static readonly string ScheduledStatus = $"status must be one of {RegionValidation.Names<RegionStatus>()}.";

    /// <summary>A reason without a status in a scheduled change.</summary>
    public const string ReasonWithoutStatus = "reason goes with a status change; give status too, or leave reason out.";

    /// <summary>A scheduled capacity map that is empty, too large or holds a bad entry.</summary>
    public static readonly string ScheduledCapacity =
        $"capacity maps 1 to {ScheduleValidation.MaxResources} resource names (matching {RegionNames.ResourceRegex}) to totals from 0 to {RegionValidation.MaxPoolTotal}.";

    /// <summary>A webhook rule's name that is not a slug.</summary>
    public const string WebhookName = "name must be a lowercase slug like a region id: " + RegionNames.RegionIdRegex + ".";

    /// <summary>A webhook secret that is not a Standard Webhooks secret.</summary>
    public const string WebhookSecret = "secret must be 'whsec_' followed by the base64 of 24 to 64 random bytes.";

    /// <summary>A webhook target that is not an absolute http(s) URL.</summary>
    public const string WebhookUrl = "target.url must be an absolute http or https URL without user information or fragment.";

    /// <summary>A webhook target on an address not allowed.</summary>
    public const string WebhookPrivateTarget =
        "target.url must not reach a loopback, private or link-local address unless RegionGrains:Webhooks:AllowedTargets allows it.";

    /// <summary>A webhook rule's event kinds that are missing or repeat.</summary>
    public static readonly string EventKinds = $"on must list 1 or more event kinds of {RegionValidation.Names<RegionEventKind>()}.";

    /// <summary>A webhook rule's regions that are too many or not region ids.</summary>
    public static string EventRegions(int max) => $"regions must be at most {max} region ids ({RegionId}).";

    /// <summary>A utilization threshold out of range.</summary>
    public const string UtilizationAbove = "when.utilizationAbove must be a number from 0 to 1.";

    /// <summary>A duration of a condition out of range.</summary>
    public const string ConditionFor = "when.for must be a duration (hh:mm:ss) from 0 to 30 days.";

    /// <summary>A page size out of range.</summary>
    public static string Limit(int max) => $"limit must be an integer from 1 to {max}.";

    /// <summary>A page start that is not a region id.</summary>
    public const string AfterRegion = "after must be a region id (matching " + RegionNames.RegionIdRegex + "), usually the last id of the previous page.";

    /// <summary>A page start that is not a reservation id.</summary>
    public const string AfterReservation =
        "after must be a reservation id (matching " + RegionNames.ReservationIdRegex + "), usually the last id of the previous page.";

    /// <summary>A history page end that is not a version.</summary>
    public const string BeforeVersion = "before must be a version number of 1 or more.";

    /// <summary>A delivery page end that is not a sequence number.</summary>
    public const string BeforeSequence = "before must be a sequence number of 1 or more.";

    /// <summary>A reservation list's <c>state</c> filter that names no state.</summary>
    public static readonly string StateFilter =
        $"state, when given, is a comma-separated list of {RegionValidation.Names<ReservationState>()} and Ended (Released, Expired, Cancelled and Lapsed).";

    /// <summary>An enum value not spelled as one of <paramref name="names"/>, said of a field or of the body.</summary>
    public static string OneOfExactly(string subject, string names) => $"{subject} must be one of {names}, spelled exactly.";

    /// <summary>An enum value of a body that is not a JSON string.</summary>
    public static string OneOfAsString(string subject, string names) => $"{subject} must be a string, one of {names}.";

    /// <summary>The resume point of an event stream that is not an event id.</summary>
    public static string ResumePoint(string field) => $"{field} must be a non-negative integer: the id of the last event received.";

    /// <summary>A placement policy that is not known, or nearest without near.</summary>
    public const string PlacementPolicy = "policy, when given, is pack, spread or nearest; nearest needs near.";

    /// <summary>A placement's near point that is not a latitude and longitude.</summary>
    public const string Near = "near, when given, is LAT,LON: a latitude from -90 to 90 and a longitude from -180 to 180, e.g. 35.68,139.69.";

    /// <summary>A bulk definition without regions, or with more than one request takes.</summary>
    public static string BatchRegions(int max) => $"regions is required: a list of 1 to {max} regions, each an id and a definition.";

    /// <summary>A bulk definition that names a region more than once.</summary>
    public static string BatchDuplicates(string ids) => $"Each region is defined once per request; given more than once: {ids}.";

    /// <summary>An item of a bulk definition without its definition.</summary>
    public const string BatchDefinition = "definition is required: the body PUT /api/regions/{id} takes.";

    /// <summary>The dryRun query that is not a boolean.</summary>
    public const string DryRun = "dryRun, when given, is true or false.";

    /// <summary>An If-Match header that is not a list of entity tags.</summary>
    public const string IfMatch = "If-Match must be * or a list of ETags as returned by GET, e.g. \"3\".";

    /// <summary>An If-None-Match header that is not a list of entity tags.</summary>
    public const string IfNoneMatch = "If-None-Match must be * or a list of ETags as returned by GET, e.g. \"3\".";

    /// <summary>A body that is not one JSON object.</summary>
    public const string WellFormedBody = "The body must be one well-formed JSON object.";

    /// <summary>A body field the serializer refused, of a field without a rule of its own.</summary>
    public static string Malformed(string field) => $"{field} is malformed or of the wrong type.";

    /// <summary>A query parameter given more than once.</summary>
    public static string QueryGivenOnce(string parameter) => $"{parameter} is given once in the query; a list is one value, joined with commas.";

    /// <summary>A body field the endpoint does not take, with the fields it takes at that place (comma-separated).</summary>
    public static string UnknownField(string field, string known) => $"{field} is not a field of this body; the fields here are {known}.";

    /// <summary>
    /// Said after a field's rule when the serializer refused the field: it cannot tell by type whether the value was
    /// of the wrong type or the field came twice.
    /// </summary>
    public const string GivenOnce = " Each field is given once, as JSON of that type (a number unquoted).";
}
