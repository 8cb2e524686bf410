using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>One choice of a streamed chunk.</summary>
public sealed class ChunkChoice
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("delta")]
    public AssistantMessage? Delta { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }
}
