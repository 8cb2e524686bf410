using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DeepSeekOcr.Protocol;

/// <summary>
/// Reads and writes <see cref="ChatContent"/> as a JSON string or an array of parts, without reflection. The local
/// server derives from it to read the parts with its own JSON context and to name a bad member from the top of the body.
/// </summary>
public class ChatContentConverter : JsonConverter<ChatContent>
{
    /// <summary>How the parts are read and written: the source-generated metadata of a list of parts.</summary>
    protected virtual JsonTypeInfo<List<ContentPart>> PartsInfo => ProtocolJsonContext.Default.ListContentPart;

    public override ChatContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => ChatContent.FromText(reader.GetString()!),
            JsonTokenType.StartArray => ReadParts(ref reader),
            _ => throw NotContent(reader.TokenType),
        };

    /// <summary>Reads the array of parts the reader is at.</summary>
    protected virtual ChatContent ReadParts(ref Utf8JsonReader reader) =>
        ChatContent.FromParts(JsonSerializer.Deserialize(ref reader, PartsInfo) ?? []);

    /// <summary>The failure for content that is neither a string nor an array.</summary>
    protected virtual JsonException NotContent(JsonTokenType token) =>
        new($"message content must be a string or an array of parts, not {token}");

    public override void Write(Utf8JsonWriter writer, ChatContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, PartsInfo);
        }
        else
        {
            writer.WriteStringValue(value.Text ?? "");
        }
    }
}
