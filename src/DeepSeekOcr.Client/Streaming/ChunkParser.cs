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
        catch (JsonException e)
        {
            throw new OcrException(OcrStatus.Protocol, $"the response stream sent a chunk that is not valid JSON: {e.Message}", innerException: e);
        }
    }
}
