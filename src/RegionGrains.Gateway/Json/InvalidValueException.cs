using System.Text.Json;

namespace RegionGrains.Gateway.Json;

/// <summary>
/// A JSON value the API's converters refuse, with a message in the API's words about the value (the serializer adds
/// the path, from which the problem names the field).
/// </summary>
internal sealed class InvalidValueException(string message) : JsonException(message);
