namespace RegionGrains.Gateway.Problems;

/// <summary>The <c>type</c> URIs of the problems the API returns; docs/api.md explains each.</summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:regiongrains:problem:";

    public const string Validation = Prefix + "validation";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string BodyTooLarge = Prefix + "body-too-large";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string RequestTimeout = Prefix + "request-timeout";
    public const string LengthRequired = Prefix + "length-required";
    public const string UriTooLong = Prefix + "uri-too-long";
    public const string ExpectationFailed = Prefix + "expectation-failed";
    public const string HeaderFieldsTooLarge = Prefix + "header-fields-too-large";
    public const string HttpError = Prefix + "http-error";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string TooManyStreams = Prefix + "too-many-streams";
    public const string RegionNotFound = Prefix + "region-not-found";
    public const string ReservationNotFound = Prefix + "reservation-not-found";
    public const string VersionMismatch = Prefix + "version-mismatch";
    public const string RegionExists = Prefix + "region-exists";
    public const string InvalidTransition = Prefix + "invalid-transition";
    public const string ReservationsHeld = Prefix + "reservations-held";
    public const string BelowReserved = Prefix + "below-reserved";
    public const string InsufficientCapacity = Prefix + "insufficient-capacity";
    public const string UnitRule = Prefix + "unit-rule";
    public const string NoCandidate = Prefix + "no-candidate";
    public const string ChangeInProgress = Prefix + "change-in-progress";
    public const string HeldByClaim = Prefix + "held-by-claim";
    public const string NotAccepting = Prefix + "not-accepting-reservations";
    public const string ReservationIdReused = Prefix + "reservation-id-reused";
    public const string NotADataCenter = Prefix + "not-a-data-center";
    public const string KindChangeRefused = Prefix + "kind-change-refused";
    public const string ScheduledChangeNotFound = Prefix + "scheduled-change-not-found";
    public const string ScheduledChangeEnded = Prefix + "scheduled-change-ended";
    public const string ChangeIdReused = Prefix + "change-id-reused";
    public const string EventRuleNotFound = Prefix + "event-rule-not-found";
    public const string HistoryTruncated = Prefix + "history-truncated";
    public const string ClusterUnavailable = Prefix + "cluster-unavailable";
    public const string Internal = Prefix + "internal";
}
