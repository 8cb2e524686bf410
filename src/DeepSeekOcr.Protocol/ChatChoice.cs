using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>One choice of a whole answer.</summary>
public sealed class ChatChoice
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("message")]
    public AssistantMessage? Message { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }
}
