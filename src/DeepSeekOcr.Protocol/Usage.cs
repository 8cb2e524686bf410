using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>Token counts of one request.</summary>
public sealed class Usage
{
    [JsonPropertyName("prompt_tokens")]
    public long PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    public long TotalTokens { get; set; }
}
