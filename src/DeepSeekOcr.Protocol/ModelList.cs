using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>The answer of <c>GET /v1/models</c>.</summary>
public sealed class ModelList
{
    [JsonPropertyName("object")]
    public string Object { get; set; } = "list";

    [JsonPropertyName("data")]
    public List<ModelInfo> Data { get; set; } = [];
}
