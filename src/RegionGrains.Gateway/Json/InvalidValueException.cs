using System.Text.Json;

namespace RegionGrains.Gateway.Json;

/// <summary>
/// A JSON value the API's converters refuse, with the API's words about it for a subject (the field, or the body);
/// the serializer adds the path, from which the problem names the field.
/// </summary>
internal sealed class InvalidValueException(Func<string, string> describe) : JsonException(describe("The value"))
{
    /// <summary>What is wrong, said of <paramref name="subject"/>.</summary>
    public string Describe(string subject) => describe(subject);
}
