using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>The model's message in a whole answer (<c>message</c>) or the piece of it in a chunk (<c>delta</c>).</summary>
public sealed class AssistantMessage
{
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("content")]
    public string? Content { get; set; }
}
