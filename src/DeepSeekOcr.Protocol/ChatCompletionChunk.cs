using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>
/// One Server-Sent Event of a streamed answer, <c>"object": "chat.completion.chunk"</c>. A server may instead send
/// an <see cref="Error"/> mid-stream (vLLM does, on an HTTP 200).
/// </summary>
public sealed class ChatCompletionChunk
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("object")]
    public string? Object { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("choices")]
    public List<ChunkChoice>? Choices { get; set; }

    [JsonPropertyName("usage")]
    public Usage? Usage { get; set; }

    [JsonPropertyName("error")]
    public ApiError? Error { get; set; }
}
