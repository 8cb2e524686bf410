using System.Text.Json.Serialization;

namespace DeepSeekOcr.Benchmarks.Sse;

public sealed class SseDelta
{
    [JsonPropertyName("content")]
    public string? Content { get; set; }
}
