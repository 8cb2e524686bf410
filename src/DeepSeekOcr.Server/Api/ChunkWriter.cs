using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Completions;

namespace DeepSeekOcr.Server.Api;

/// <summary>Writes one streamed answer as chat.completion.chunk events over an <see cref="SseWriter"/>.</summary>
public sealed class ChunkWriter
{
    private readonly SseWriter _sse;
    private readonly AnswerHeader _answer;

    private ChunkWriter(SseWriter sse, AnswerHeader answer)
    {
        _sse = sse;
        _answer = answer;
    }

    /// <summary>Sends the event stream's headers and the first chunk, which carries the role.</summary>
    public static async Task<ChunkWriter> StartAsync(HttpContext context, AnswerHeader answer)
    {
        var writer = new ChunkWriter(await SseWriter.StartAsync(context).ConfigureAwait(false), answer);
        await writer._sse.WriteAsync(writer.Chunk([new ChunkChoice { Delta = new AssistantMessage { Role = "assistant", Content = "" } }])).ConfigureAwait(false);
        return writer;
    }

    /// <summary>One chunk per line that fits the budget, each flushed at once.</summary>
    public async Task WriteLinesAsync(IEnumerable<string> lines, OutputBudget budget)
    {
        foreach (var line in lines)
        {
            if (budget.Take(line) is { Length: > 0 } piece)
            {
                await _sse.WriteAsync(Chunk([new ChunkChoice { Delta = new AssistantMessage { Content = piece } }])).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The finish_reason chunk, the usage chunk (empty choices) if asked, then [DONE].</summary>
    public async Task EndAsync(string finishReason, Usage? usage)
    {
        await _sse.WriteAsync(Chunk([new ChunkChoice { Delta = new AssistantMessage(), FinishReason = finishReason }])).ConfigureAwait(false);
        if (usage is not null)
        {
            await _sse.WriteAsync(Chunk([], usage)).ConfigureAwait(false);
        }

        await _sse.WriteDoneAsync().ConfigureAwait(false);
    }

    private ChatCompletionChunk Chunk(List<ChunkChoice> choices, Usage? usage = null) => new()
    {
        Id = _answer.Id,
        Object = "chat.completion.chunk",
        Created = _answer.Created,
        Model = _answer.Model,
        Choices = choices,
        Usage = usage,
    };
}
