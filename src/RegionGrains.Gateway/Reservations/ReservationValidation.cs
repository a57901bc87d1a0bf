using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The field rules of a reservation body; the rules and their wording come from the domain's one copy.</summary>
internal static class ReservationValidation
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
            RegionValidation.ClaimPrefixMessage);
        if (body.Resources is { } resources)
        {
            errors
                .Check(body.Resource is null && body.Amount is null, "resources", RegionValidation.ReservationFormMessage)
                .Check(RegionValidation.IsValidResources(resources), "resources", RegionValidation.ResourcesMessage);
        }
        else
        {
            errors
                .Resource(body.Resource)
                .Check(body.Amount is { } amount && RegionValidation.IsValidAmount(amount), "amount", RegionValidation.AmountMessage);
        }

        return errors
            .Check(RegionValidation.IsValidTtl(body.TtlSeconds), "ttlSeconds", RegionValidation.TtlMessage)
            .Check(body.Consumer is null || RegionNames.IsValidConsumer(body.Consumer), "consumer", RegionValidation.ConsumerMessage)
            .Check(body.Project is null || RegionNames.IsValidConsumer(body.Project), "project", RegionValidation.ProjectMessage);
    }
}
