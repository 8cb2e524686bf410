using System.Text.Json.Serialization;

namespace DeepSeekOcr.Benchmarks.Sse;

/// <summary>The peer's own chat.completion.chunk model: only what content extraction needs.</summary>
public sealed class SseChunk
{
    [JsonPropertyName("choices")]
    public List<SseChoice>? Choices { get; set; }
}
