using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Problems;

/// <summary>Collects field errors for a validation problem.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            if (!_errors.TryGetValue(field, out var messages))
            {
                _errors[field] = messages = [];
            }

            messages.Add(message);
        }

        return this;
    }

    /// <summary>Checks a region id (the route's <c>id</c> unless another field is named).</summary>
    public ValidationErrors RegionId(string? id, string field = "id") => Check(RegionNames.IsValidRegionId(id), field, ValidationMessages.RegionId);

    /// <summary>Checks a reservation id.</summary>
    public ValidationErrors ReservationId(string? id, string field = "reservationId") =>
        Check(RegionNames.IsValidReservationId(id), field, ValidationMessages.ReservationId);

    /// <summary>Checks a resource name.</summary>
    public ValidationErrors Resource(string? resource, string field = "resource") => Check(RegionNames.IsValidResource(resource), field, ValidationMessages.Resource);

    /// <summary>
    /// An optional enum filter of a query string: absent or empty is no filter; otherwise one of the names, spelled
    /// exactly (no numbers, no other casing, no comma-joined flags).
    /// </summary>
    public TEnum? Filter<TEnum>(string? text, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        Check(RegionValidation.TryParseExact<TEnum>(text, out var value), field, ValidationMessages.OneOfExactly(field, RegionValidation.Names<TEnum>()));
        return value;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
