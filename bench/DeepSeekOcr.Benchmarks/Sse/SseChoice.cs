using System.Text.Json.Serialization;

namespace DeepSeekOcr.Benchmarks.Sse;

public sealed class SseChoice
{
    [JsonPropertyName("delta")]
    public SseDelta? Delta { get; set; }
}
