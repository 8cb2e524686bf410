using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>The body of <c>POST /v1/chat/completions</c>.</summary>
public sealed class ChatCompletionRequest
{
    [JsonPropertyName("model")]
    public string Model { get; set; } = "";

    [JsonPropertyName("messages")]
    public List<ChatMessage> Messages { get; set; } = [];

    [JsonPropertyName("stream")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Stream { get; set; }

    [JsonPropertyName("stream_options")]
    public StreamOptions? StreamOptions { get; set; }

    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    [JsonPropertyName("top_p")]
    public double? TopP { get; set; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    /// <summary>Passed through as given, e.g. <c>{"type":"json_object"}</c>.</summary>
    [JsonPropertyName("response_format")]
    public JsonElement? ResponseFormat { get; set; }

    /// <summary>Passed through as given: a JSON array of tool definitions.</summary>
    [JsonPropertyName("tools")]
    public JsonElement? Tools { get; set; }

    /// <summary>
    /// Members the caller adds to the body (vLLM's <c>skip_special_tokens</c>, say); on the server side,
    /// every member this type does not name.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraBody { get; set; }
}
