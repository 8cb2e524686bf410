using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeekOcr.Server.Json;

/// <summary>Reads a JSON null as false: OpenAI's API treats <c>"stream": null</c> as "not set", and SDKs send it.</summary>
public sealed class NullAsFalseConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => false,
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw JsonErrorMessages.Unexpected("true or false", reader.TokenType),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
