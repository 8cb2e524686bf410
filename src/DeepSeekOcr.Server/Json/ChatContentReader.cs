using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Json;

/// <summary>
/// Reads a message's <c>content</c> (a string or an array of parts) as the protocol's converter does, with the
/// server's JSON context and its error messages. The parts are read by a nested deserializer, whose errors carry a
/// path relative to the array (<c>$[0].image_url</c>); this converter hands that relative path on in
/// <see cref="JsonErrorMessages.RelativePathKey"/>, so the caller can name the member from the top of the body.
/// </summary>
public sealed class ChatContentReader : ChatContentConverter
{
    protected override JsonTypeInfo<List<ContentPart>> PartsInfo => ServerJsonContext.Default.ListContentPart;

    protected override ChatContent ReadParts(ref Utf8JsonReader reader)
    {
        try
        {
            return base.ReadParts(ref reader);
        }
        catch (JsonException e)
        {
            var outer = new JsonException(e.Message, e);
            outer.Data[JsonErrorMessages.RelativePathKey] = e.Path is { Length: > 1 } path ? path[1..] : "";
            throw outer;
        }
    }

    protected override JsonException NotContent(JsonTokenType token) =>
        JsonErrorMessages.Unexpected("a string or an array of parts", token);
}
