using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>Reads one <c>data:</c> payload of a chat completion stream.</summary>
internal static class ChunkParser
{
    public static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;

    public static ChatCompletionChunk Parse(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, ProtocolJsonContext.Default.ChatCompletionChunk)
                ?? throw new OcrException(OcrStatus.Protocol, "the response stream sent a null chunk");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a token of the wrong type where the model has a number, e.g. "created": null.
            throw new OcrException(OcrStatus.Protocol, $"the response stream sent a chunk that is not valid JSON: {e.Message}", innerException: e);
        }
    }
}
