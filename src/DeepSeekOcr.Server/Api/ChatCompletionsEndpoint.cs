using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Completions;
using DeepSeekOcr.Server.Images;
using DeepSeekOcr.Server.Ocr;
using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// <c>POST /v1/chat/completions</c>: read and check the request, load and decode the image, recognise it on a free
/// engine, render it for the prompt, cut it to max_tokens, answer whole or as an event stream. Everything that can
/// be refused is refused before a stream starts, so errors always come with their proper HTTP status.
/// </summary>
public sealed class ChatCompletionsEndpoint(JsonBodyReader bodyReader, ImageLoader imageLoader, EnginePool engines, string servedModel)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = await bodyReader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var job = ChatRequestValidator.Validate(request, servedModel);
        var output = await RecognizeAsync(job, cancellationToken).ConfigureAwait(false);

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var usage = new Usage
        {
            PromptTokens = job.PromptTokens,
            CompletionTokens = output.CompletionTokens,
            TotalTokens = job.PromptTokens + output.CompletionTokens,
        };

        if (job.Stream)
        {
            await StreamAsync(context, job, output, id, created, usage).ConfigureAwait(false);
            return;
        }

        var response = new ChatCompletionResponse
        {
            Id = id,
            Object = "chat.completion",
            Created = created,
            Model = job.Model,
            Choices =
            [
                new ChatChoice
                {
                    Index = 0,
                    Message = new AssistantMessage { Role = "assistant", Content = output.Text },
                    FinishReason = output.FinishReason,
                },
            ],
            Usage = usage,
        };
        await JsonResponseWriter.WriteAsync(context, response, ProtocolJsonContext.Default.ChatCompletionResponse).ConfigureAwait(false);
    }

    private async Task<BudgetedOutput> RecognizeAsync(OcrJob job, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await imageLoader.LoadAsync(job.ImageUrl, cancellationToken).ConfigureAwait(false);
            using var image = ImageDecoder.Decode(bytes);
            var page = await engines.RecognizeAsync(image, cancellationToken).ConfigureAwait(false);
            return OutputBudget.Apply(PageRenderer.Render(page, job.Mode), job.MaxTokens);
        }
        catch (ImageRejectedException e)
        {
            throw ApiErrors.BadRequest(e.Message, "messages", "invalid_image");
        }
        catch (ImageDecodeException e)
        {
            throw ApiErrors.BadRequest(e.Message, "messages", "invalid_image");
        }
    }

    /// <summary>OpenAI's order: a role chunk, one chunk per piece, a chunk with finish_reason, the usage chunk if asked, [DONE].</summary>
    private static async Task StreamAsync(HttpContext context, OcrJob job, BudgetedOutput output, string id, long created, Usage usage)
    {
        var sse = await SseWriter.StartAsync(context).ConfigureAwait(false);
        ChatCompletionChunk Chunk(List<ChunkChoice> choices, Usage? chunkUsage = null) => new()
        {
            Id = id,
            Object = "chat.completion.chunk",
            Created = created,
            Model = job.Model,
            Choices = choices,
            Usage = chunkUsage,
        };

        await sse.WriteAsync(Chunk([new ChunkChoice { Delta = new AssistantMessage { Role = "assistant", Content = "" } }])).ConfigureAwait(false);
        foreach (var piece in output.Pieces.Where(piece => piece.Length > 0))
        {
            await sse.WriteAsync(Chunk([new ChunkChoice { Delta = new AssistantMessage { Content = piece } }])).ConfigureAwait(false);
        }

        await sse.WriteAsync(Chunk([new ChunkChoice { Delta = new AssistantMessage(), FinishReason = output.FinishReason }])).ConfigureAwait(false);
        if (job.IncludeUsage)
        {
            await sse.WriteAsync(Chunk([], usage)).ConfigureAwait(false);
        }

        await sse.WriteDoneAsync().ConfigureAwait(false);
    }
}
