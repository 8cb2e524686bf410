using System.Buffers;
using System.Text.Json;
using DeepSeekOcr.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// Writes a streamed answer as Server-Sent Events, the way OpenAI does: <c>data: {chunk}\n\n</c> per event, flushed
/// at once so each piece reaches the client as soon as it is ready, and <c>data: [DONE]\n\n</c> at the end.
/// </summary>
public sealed class SseWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly CancellationToken _cancellationToken;

    private SseWriter(HttpResponse response, CancellationToken cancellationToken)
    {
        _response = response;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Sends the status and headers of an event stream.</summary>
    public static async Task<SseWriter> StartAsync(HttpContext context)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        return new SseWriter(context.Response, context.RequestAborted);
    }

    public async Task WriteAsync(ChatCompletionChunk chunk)
    {
        var writer = _response.BodyWriter;
        writer.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(writer))
        {
            JsonSerializer.Serialize(json, chunk, ProtocolJsonContext.Default.ChatCompletionChunk);
        }

        writer.Write(EventEnd);
        await writer.FlushAsync(_cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteDoneAsync()
    {
        _response.BodyWriter.Write(Done);
        await _response.BodyWriter.FlushAsync(_cancellationToken).ConfigureAwait(false);
    }
}
