using System.Text.Json;
using System.Text.Json.Serialization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Json;

/// <summary>
/// Enums as their exact names, in bodies and as map keys. <see cref="JsonStringEnumConverter"/> also takes numbers,
/// other casings and comma-joined names, which combine into another value; the API's contract is the names only.
/// The names are read by <see cref="RegionValidation.TryParseExact{TEnum}"/>, as the query filters read them.
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert));

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly string Names = RegionValidation.Names<TEnum>();

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new InvalidValueException(subject => ValidationMessages.OneOfAsString(subject, Names));

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());

        private static TEnum Parse(string? text) =>
            RegionValidation.TryParseExact<TEnum>(text, out var value) ? value : throw new InvalidValueException(subject => ValidationMessages.OneOfExactly(subject, Names));
    }
}
