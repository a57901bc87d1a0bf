using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Json;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Describes a body the framework could not read, in the API's words: the field that is wrong and what it takes, never
/// the parser's own message (CLR type names, "Path: $.x | LineNumber", "Implicit body inferred for parameter").
/// </summary>
internal static class RequestBodyProblems
{
    public const string UnsupportedMediaTypeDetail = "Request bodies are JSON: Content-Type application/json, in UTF-8 (charset=utf-8 or no charset).";

    /// <summary>What each body field takes, for values the serializer refuses before the endpoint sees them.</summary>
    private static readonly Dictionary<string, string> FieldRules = new(StringComparer.Ordinal)
    {
        ["displayName"] = ValidationMessages.DisplayName,
        ["countryCode"] = ValidationMessages.CountryCode,
        ["latitude"] = ValidationMessages.Latitude,
        ["longitude"] = ValidationMessages.Longitude,
        ["reason"] = ValidationMessages.Reason,
        ["total"] = ValidationMessages.Total,
        ["reservationId"] = ValidationMessages.ReservationId,
        ["resource"] = ValidationMessages.ResourceRequired,
        ["amount"] = ValidationMessages.Amount,
        ["ttlSeconds"] = ValidationMessages.Ttl,
    };

    /// <summary>Every field of every request body.</summary>
    private static readonly string[] BodyFields =
        [.. FieldRules.Keys, "geography", "kind", "languages", "supportHours", "status", "regions", "id", "definition"];

    /// <summary>
    /// The problem of a body the framework refused; <paramref name="bodyType"/> (the endpoint's body, when it takes one)
    /// and the serializer's <paramref name="options"/> let a field the body does not take be named as such.
    /// </summary>
    public static ProblemDetails Describe(BadHttpRequestException exception, Type? bodyType = null, JsonSerializerOptions? options = null) => exception switch
    {
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            Problem.Details(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type", UnsupportedMediaTypeDetail),
        { InnerException: JsonException json } when bodyType is not null && options is not null && json is not InvalidValueException
            && BodyShape.FieldsBesideUnknown(bodyType, json.Path, options) is { } known => Unknown(json.Path!, known),
        { InnerException: JsonException json } => Invalid(json),
        // Raised by the server while the body is read: its trailers too large, the body too slow, and the like.
        { StatusCode: not StatusCodes.Status400BadRequest } => FrameworkProblems.Details(exception.StatusCode),
        _ => Problem.Details(exception.StatusCode, ProblemTypes.MalformedRequest, "The request could not be read", "The body is missing, is not one JSON object, or ended early."),
    };

    private static HttpValidationProblemDetails Unknown(string path, IReadOnlyList<string> known)
    {
        // "$.start" → start, "$.regions[0].definition.colour" → regions[0].definition.colour, "$['a b']" → a b.
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.StartsWith("$['", StringComparison.Ordinal) ? path[3..^2] : path;
        var message = ValidationMessages.UnknownField(field, string.Join(", ", known));
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.MalformedRequest,
            Title = "The request could not be read",
            Detail = $"The body is not valid JSON for this endpoint: {message}",
        };
    }

    private static HttpValidationProblemDetails Invalid(JsonException json)
    {
        // A field of an item of a list (a bulk definition's "$.regions[3].definition.latitude") is named by its whole
        // path, so that the caller learns which item; its rule is the field's own.
        var (field, rule) = ItemFieldOf(json.Path) is { } item ? (item.Path, item.Field) : (Canonical(FieldOf(json.Path)), null);
        rule ??= field;
        var message = field is null || rule is null
            ? json is InvalidValueException bodyValue ? bodyValue.Describe("The body") : ValidationMessages.WellFormedBody
            : json is InvalidValueException value ? value.Describe(field) : FieldRules.GetValueOrDefault(rule, ValidationMessages.Malformed(field)) + ValidationMessages.GivenOnce;
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field ?? "body"] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.MalformedRequest,
            Title = "The request could not be read",
            Detail = $"The body is not valid JSON for this endpoint: {message}",
        };
    }

    /// <summary>
    /// The API's spelling of a field: names are read in any casing, and the path of a refused field follows the
    /// body's casing ("Amount"), but a problem names the field as the API documents it.
    /// </summary>
    private static string? Canonical(string? field) =>
        field is null ? null : BodyFields.FirstOrDefault(known => string.Equals(known, field, StringComparison.OrdinalIgnoreCase)) ?? field;

    /// <summary>
    /// For a path into an item of a list that ends at a named field ("$.regions[3].definition.latitude"): the path as
    /// the API spells it ("regions[3].definition.latitude") and the field's name (latitude); null for any other path.
    /// </summary>
    private static (string Path, string Field)? ItemFieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal) || path.Contains("['", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path[2..].Split('.');
        if (parts.Length < 2 || !parts[..^1].Any(p => p.EndsWith(']')) || parts[^1].Contains('['))
        {
            return null;
        }

        var field = Canonical(parts[^1])!;
        return (string.Join('.', parts[..^1].Select(p => p.EndsWith(']') ? Canonical(p[..p.IndexOf('[')]) + p[p.IndexOf('[')..] : Canonical(p)).Append(field)), field);
    }

    /// <summary>The top-level field a JSON path points into ("$.status" or "$['status']" → status), null for the body itself.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var rest = path.AsSpan(1);
        if (rest.StartsWith("['"))
        {
            var end = rest.IndexOf("']");
            return end > 2 ? rest[2..end].ToString() : null;
        }

        if (rest.StartsWith("."))
        {
            rest = rest[1..];
            var end = rest.IndexOfAny('.', '[');
            return (end < 0 ? rest : rest[..end]).ToString();
        }

        return null;
    }
}
