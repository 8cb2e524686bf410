using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>
/// A message's <c>content</c>: the API allows a plain string or an array of typed parts, so exactly one of
/// <see cref="Text"/> and <see cref="Parts"/> is set.
/// </summary>
[JsonConverter(typeof(ChatContentConverter))]
public sealed class ChatContent
{
    public string? Text { get; init; }

    public List<ContentPart>? Parts { get; init; }

    public static ChatContent FromText(string text) => new() { Text = text };

    public static ChatContent FromParts(List<ContentPart> parts) => new() { Parts = parts };
}
