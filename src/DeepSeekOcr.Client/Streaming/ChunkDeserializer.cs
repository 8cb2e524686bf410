using System.Text.Json;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>Reads one <c>data:</c> payload of a chat completion stream.</summary>
internal static class ChunkDeserializer
{
    public static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;

    /// <summary>The chunk <paramref name="data"/> holds; a failure names <paramref name="origin"/>, the answer it came in.</summary>
    public static ChatCompletionChunk Parse(ReadOnlySpan<byte> data, ResponseOrigin origin)
    {
        try
        {
            return JsonSerializer.Deserialize(data, ProtocolJsonContext.Default.ChatCompletionChunk)
                ?? throw origin.Failure(OcrStatus.Protocol, "the response stream sent a null chunk");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a token of the wrong type where the model has a number, e.g. "created": null.
            throw origin.Failure(OcrStatus.Protocol, $"the response stream sent a chunk that is not valid JSON: {e.Message}", innerException: e);
        }
    }
}
