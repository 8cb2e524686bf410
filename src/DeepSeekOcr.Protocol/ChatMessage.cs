using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>One message of a request: a role and content that is either text or a list of parts.</summary>
public sealed class ChatMessage
{
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    [JsonPropertyName("content")]
    public ChatContent Content { get; set; } = ChatContent.FromText("");
}
