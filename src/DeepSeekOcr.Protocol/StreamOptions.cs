using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary><c>stream_options</c>: asks a streaming server for a last chunk that carries <c>usage</c>.</summary>
public sealed class StreamOptions
{
    [JsonPropertyName("include_usage")]
    public bool IncludeUsage { get; set; }
}
