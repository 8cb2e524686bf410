using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>Reads and writes <see cref="ChatContent"/> as a JSON string or an array of parts, without reflection.</summary>
public sealed class ChatContentConverter : JsonConverter<ChatContent>
{
    public override ChatContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ChatContent.FromText(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.ListContentPart);
                return ChatContent.FromParts(parts ?? []);
            default:
                throw new JsonException($"message content must be a string or an array of parts, not {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, ChatContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, ProtocolJsonContext.Default.ListContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text ?? "");
        }
    }
}
