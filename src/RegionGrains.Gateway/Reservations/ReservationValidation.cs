using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The field rules of a reservation body; the rules and their wording come from the domain's one copy.</summary>
internal static partial class ReservationValidation
{
    /// <summary>
    /// Checks what a reservation holds and for whom: exactly one of the two forms (resource and amount, or resources),
    /// the lifetime, and the consumer and project names.
    /// </summary>
    public static ValidationErrors Reservation(this ValidationErrors errors, ReservationCreateRequest body)
    {
        errors.Check(
            body.ReservationId?.StartsWith(TentativeChange.ClaimPrefix, StringComparison.Ordinal) != true,
            "reservationId",
            ValidationMessages.ClaimPrefix);
        if (body.Resources is { } resources)
        {
            errors
                .Check(body.Resource is null && body.Amount is null, "resources", ValidationMessages.ReservationForm)
                .Check(RegionValidation.IsValidResources(resources), "resources", ValidationMessages.Resources);
        }
        else
        {
            errors
                .Resource(body.Resource)
                .Check(body.Amount is { } amount && RegionValidation.IsValidAmount(amount), "amount", ValidationMessages.Amount);
        }

        if (errors.Instant(body.StartsAt, "startsAt", out var startsAt) & errors.Instant(body.EndsAt, "endsAt", out var endsAt) &&
            RegionValidation.IntervalProblem(DateTimeOffset.UtcNow, startsAt, endsAt, body.TtlSeconds) is ({ } field, { } message))
        {
            errors.Check(false, field, message);
        }

        return errors
            .Check(RegionValidation.IsValidTtl(body.TtlSeconds), "ttlSeconds", ValidationMessages.Ttl)
            .Check(RegionValidation.IsValidWait(body.WaitSeconds), "waitSeconds", ValidationMessages.Wait)
            .Check(body.Consumer is null || RegionNames.IsValidConsumer(body.Consumer), "consumer", ValidationMessages.Consumer)
            .Check(body.Project is null || RegionNames.IsValidConsumer(body.Project), "project", ValidationMessages.Project);
    }

    /// <summary>
    /// Checks a merge patch of a reservation: amount or resources (not both) with valid amounts, and endsAt as an
    /// instant in the future or null; <paramref name="end"/> says whether and to what the end changes.
    /// </summary>
    public static ValidationErrors Patch(this ValidationErrors errors, ReservationPatchRequest body, out (bool Changes, DateTimeOffset? EndsAt) end)
    {
        errors
            .Check(body.Amount is null || body.Resources is null, "resources", ValidationMessages.PatchForm)
            .Check(body.Amount is null || RegionValidation.IsValidAmount(body.Amount.Value), "amount", ValidationMessages.Amount)
            .Check(body.Resources is null || RegionValidation.IsValidResources(body.Resources), "resources", ValidationMessages.Resources);
        end = (false, null);
        switch (body.EndsAt.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.Null:
                end = (true, null);
                break;
            case JsonValueKind.String when errors.Instant(body.EndsAt.GetString(), "endsAt", out var endsAt):
                end = (true, endsAt);
                errors.Check(endsAt > DateTimeOffset.UtcNow, "endsAt", ValidationMessages.EndsAtInFuture);
                errors.Check(endsAt - DateTimeOffset.UtcNow <= RegionValidation.MaxHorizon, "endsAt", ValidationMessages.EndsAtHorizon);
                break;
            case JsonValueKind.String:
                break;
            default:
                errors.Check(false, "endsAt", ValidationMessages.EndsAtInstantOrNull);
                break;
        }

        return errors;
    }

    /// <summary>
    /// Reads an optional RFC 3339 instant with an explicit offset ("2027-01-01T00:00:00Z", "…+01:00"), as UTC. A time
    /// without an offset would mean a different instant on every machine, so it is refused. False (and an error) when
    /// <paramref name="text"/> is given and is not such an instant.
    /// </summary>
    public static bool Instant(this ValidationErrors errors, string? text, string field, out DateTimeOffset? value)
    {
        if (TryParseInstant(text, out value))
        {
            return true;
        }

        errors.Check(false, field, ValidationMessages.Instant(field));
        return false;
    }

    /// <summary>Parses an optional instant as <see cref="Instant"/> does; null text is a valid absent instant.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        // The shape first: the parser alone also takes a fraction point with no digits after it.
        if (!InstantShape().IsMatch(text) ||
            !DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>The start and end of a body the endpoint has validated.</summary>
    public static (DateTimeOffset? StartsAt, DateTimeOffset? EndsAt) Interval(this ReservationCreateRequest body)
    {
        var valid = TryParseInstant(body.StartsAt, out var startsAt) & TryParseInstant(body.EndsAt, out var endsAt);
        return valid ? (startsAt, endsAt) : throw new InvalidOperationException("The reservation's instants were not validated.");
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstantShape();

    private static readonly string[] InstantFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'sszzz",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz",
    ];
}
