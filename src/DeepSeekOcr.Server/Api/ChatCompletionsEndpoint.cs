using System.Threading.Channels;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Completions;
using DeepSeekOcr.Server.Images;
using DeepSeekOcr.Server.Ocr;
using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// <c>POST /v1/chat/completions</c>: read and check the request, load and decode the image, recognise it on a free
/// engine block by block, render it for the prompt, cut it to max_tokens, answer whole or as an event stream that
/// sends each block's text as soon as it is read. Everything that can be refused is refused before a stream
/// starts, so errors always come with their proper HTTP status.
/// </summary>
public sealed class ChatCompletionsEndpoint(JsonBodyReader bodyReader, ImageLoader imageLoader, EnginePool engines, string servedModel)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = await bodyReader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var job = ChatRequestValidator.Validate(request, servedModel);
        using var image = await LoadAsync(job, cancellationToken).ConfigureAwait(false);
        var answer = new AnswerHeader("chatcmpl-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), job.Model);
        var renderer = IncrementalRenderer.For(job.Mode, job.Prompt, job.JsonObject);
        var budget = new OutputBudget(job.MaxTokens);

        if (job.Stream)
        {
            await StreamAsync(context, job, image, renderer, budget, answer).ConfigureAwait(false);
            return;
        }

        var page = await engines.RecognizeAsync(image, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = string.Concat(IncrementalRenderer.Render(page, renderer).Select(budget.Take));
        var response = new ChatCompletionResponse
        {
            Id = answer.Id,
            Object = "chat.completion",
            Created = answer.Created,
            Model = answer.Model,
            Choices =
            [
                new ChatChoice
                {
                    Index = 0,
                    Message = new AssistantMessage { Role = "assistant", Content = text },
                    FinishReason = budget.FinishReason,
                },
            ],
            Usage = UsageOf(job, budget),
        };
        await JsonResponseWriter.WriteAsync(context, response, ProtocolJsonContext.Default.ChatCompletionResponse).ConfigureAwait(false);
    }

    private static Usage UsageOf(OcrJob job, OutputBudget budget) => new()
    {
        PromptTokens = job.PromptTokens,
        CompletionTokens = budget.CompletionTokens,
        TotalTokens = job.PromptTokens + budget.CompletionTokens,
    };

    private async Task<DecodedImage> LoadAsync(OcrJob job, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await imageLoader.LoadAsync(job.ImageUrl, cancellationToken).ConfigureAwait(false);
            return ImageDecoder.Decode(bytes);
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

    /// <summary>
    /// OpenAI's order: a role chunk, one chunk per output line, a chunk with finish_reason, the usage chunk if asked,
    /// [DONE]. Lines leave as their block is recognised; the stream starts with the first block, so a page that fails
    /// before any text still gets an error status. Once max_tokens is spent, recognition of the rest is cancelled.
    /// </summary>
    private async Task StreamAsync(HttpContext context, OcrJob job, DecodedImage image, IncrementalRenderer renderer, OutputBudget budget, AnswerHeader answer)
    {
        var blocks = Channel.CreateUnbounded<(PageLayout Layout, OcrBlock Block)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stopRecognition = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var recognition = RecognizeIntoAsync(image, blocks.Writer, stopRecognition.Token);
        ChunkWriter? stream = null;
        try
        {
            await foreach (var (layout, block) in blocks.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                stream ??= await ChunkWriter.StartAsync(context, answer).ConfigureAwait(false);
                await stream.WriteLinesAsync(renderer.Add(layout, block), budget).ConfigureAwait(false);
                if (budget.Exhausted)
                {
                    await stopRecognition.CancelAsync().ConfigureAwait(false);
                    break;
                }
            }

            OcrPage? page = null;
            try
            {
                page = await recognition.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (budget.Exhausted)
            {
                // Cancelled above: the answer is already as long as it may be.
            }

            stream ??= await ChunkWriter.StartAsync(context, answer).ConfigureAwait(false);
            if (page is not null)
            {
                await stream.WriteLinesAsync(renderer.Finish(page), budget).ConfigureAwait(false);
            }

            await stream.EndAsync(budget.FinishReason, job.IncludeUsage ? UsageOf(job, budget) : null).ConfigureAwait(false);
        }
        finally
        {
            // The engine reads the image until it stops; it must not be disposed under it.
            await stopRecognition.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(recognition).ConfigureAwait(false);
        }
    }

    private async Task<OcrPage> RecognizeIntoAsync(DecodedImage image, ChannelWriter<(PageLayout, OcrBlock)> writer, CancellationToken cancellationToken)
    {
        try
        {
            return await engines.RecognizeAsync(image, (layout, block) => writer.TryWrite((layout, block)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
