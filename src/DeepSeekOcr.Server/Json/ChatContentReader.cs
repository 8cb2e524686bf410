using System.Text.Json;
using System.Text.Json.Serialization;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Json;

/// <summary>
/// Reads a message's <c>content</c> (a string or an array of parts). The parts are read by a nested deserializer,
/// whose errors carry a path relative to the array (<c>$[0].image_url</c>); this converter hands that relative path
/// on in <see cref="JsonErrorMessages.RelativePathKey"/>, so the caller can name the member from the top of the body.
/// </summary>
public sealed class ChatContentReader : JsonConverter<ChatContent>
{
    public override ChatContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ChatContent.FromText(reader.GetString()!);
            case JsonTokenType.StartArray:
                try
                {
                    return ChatContent.FromParts(JsonSerializer.Deserialize(ref reader, ServerJsonContext.Default.ListContentPart) ?? []);
                }
                catch (JsonException e)
                {
                    var outer = new JsonException(e.Message, e);
                    outer.Data[JsonErrorMessages.RelativePathKey] = e.Path is { Length: > 1 } path ? path[1..] : "";
                    throw outer;
                }

            default:
                throw JsonErrorMessages.Unexpected("a string or an array of parts", reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, ChatContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, ServerJsonContext.Default.ListContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text ?? "");
        }
    }
}
