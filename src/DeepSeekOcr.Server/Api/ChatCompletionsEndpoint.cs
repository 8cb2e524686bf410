using System.Threading.Channels;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Completions;
using DeepSeekOcr.Server.Images;
using DeepSeekOcr.Server.Ocr;
using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// <c>POST /v1/chat/completions</c>: read and check the request, take a place in the queue (or 429), load and decode
/// its images, recognise them in order on a free engine block by block, render each for the prompt, cut the whole
/// to max_tokens, answer whole or as an event stream that sends each block's text as soon as it is read. Several
/// images give one answer, theirs in order with <see cref="PageSplit"/> between them. Everything that can be
/// refused is refused before a stream starts, so errors come with their proper HTTP status.
/// </summary>
public sealed class ChatCompletionsEndpoint(
    JsonBodyReader bodyReader, ImageLoader imageLoader, EnginePool engines, RequestQueue queue, string servedModel)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = await bodyReader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var job = ChatRequestValidator.Validate(request, servedModel);
        using var place = queue.TryEnter() ?? throw ApiErrors.TooManyRequests(
            $"the server is busy: {queue.Capacity} requests are already being read or waiting; retry after the seconds in Retry-After",
            queue.RetryAfterSeconds());
        var images = new List<DecodedImage>();
        try
        {
            foreach (var url in job.ImageUrls)
            {
                images.Add(await LoadAsync(url, cancellationToken).ConfigureAwait(false));
            }

            var answer = new AnswerHeader("chatcmpl-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), job.Model);
            var budget = new OutputBudget(job.MaxTokens);
            if (job.Stream)
            {
                await StreamAsync(context, job, images, budget, answer).ConfigureAwait(false);
            }
            else
            {
                await AnswerWholeAsync(context, job, images, budget, answer).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    private async Task AnswerWholeAsync(HttpContext context, OcrJob job, IReadOnlyList<DecodedImage> images, OutputBudget budget, AnswerHeader answer)
    {
        var pieces = new List<string>();
        await ReadImagesAsync(job, images, budget, lines =>
        {
            pieces.AddRange(lines.Select(budget.Take).OfType<string>());
            return Task.CompletedTask;
        }, context.RequestAborted).ConfigureAwait(false);
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
                    Message = new AssistantMessage { Role = "assistant", Content = string.Concat(pieces) },
                    FinishReason = budget.FinishReason,
                },
            ],
            Usage = UsageOf(job, budget),
        };
        await JsonResponseWriter.WriteAsync(context, response, ProtocolJsonContext.Default.ChatCompletionResponse).ConfigureAwait(false);
    }

    /// <summary>
    /// OpenAI's order: a role chunk, one chunk per output line, a chunk with finish_reason, the usage chunk if asked,
    /// [DONE]. Lines leave as their block is recognised; the stream starts with the first block, so a request that
    /// fails before any text still gets an error status.
    /// </summary>
    private async Task StreamAsync(HttpContext context, OcrJob job, IReadOnlyList<DecodedImage> images, OutputBudget budget, AnswerHeader answer)
    {
        ChunkWriter? stream = null;
        async Task<ChunkWriter> StartedAsync() => stream ??= await ChunkWriter.StartAsync(context, answer).ConfigureAwait(false);

        await ReadImagesAsync(
            job,
            images,
            budget,
            async lines => await (await StartedAsync().ConfigureAwait(false)).WriteLinesAsync(lines, budget).ConfigureAwait(false),
            context.RequestAborted).ConfigureAwait(false);
        await (await StartedAsync().ConfigureAwait(false)).EndAsync(budget.FinishReason, job.IncludeUsage ? UsageOf(job, budget) : null).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the images in order and hands the answer's lines to <paramref name="write"/> as they are rendered (the
    /// page split before each image after the first); stops once max_tokens is spent. A JSON answer needs every
    /// page: it is written at the end, as one line.
    /// </summary>
    private async Task ReadImagesAsync(
        OcrJob job, IReadOnlyList<DecodedImage> images, OutputBudget budget, Func<IReadOnlyList<string>, Task> write, CancellationToken cancellationToken)
    {
        var pages = new List<(OcrPage Page, IReadOnlyList<string> Lines)>();
        for (var i = 0; i < images.Count && !budget.Exhausted; i++)
        {
            var modeLines = new List<string>();
            Func<IReadOnlyList<string>, Task> pageWrite = job.JsonObject
                ? lines =>
                {
                    modeLines.AddRange(lines);
                    return Task.CompletedTask;
                }
                : write;
            if (i > 0 && !job.JsonObject)
            {
                await write(PageSplit.Lines).ConfigureAwait(false);
            }

            var page = await ReadPageAsync(images[i], IncrementalRenderer.For(job.Mode, job.Prompt), budget, pageWrite, cancellationToken).ConfigureAwait(false);
            if (page is not null && job.JsonObject)
            {
                pages.Add((page, modeLines));
            }
        }

        if (job.JsonObject)
        {
            await write([JsonModeRenderer.Render(pages)]).ConfigureAwait(false);
        }
    }

    /// <summary>One page, block by block; null if max_tokens ran out first (the rest of the page is not recognised).</summary>
    private async Task<OcrPage?> ReadPageAsync(
        DecodedImage image, IncrementalRenderer renderer, OutputBudget budget, Func<IReadOnlyList<string>, Task> write, CancellationToken cancellationToken)
    {
        var blocks = Channel.CreateUnbounded<(PageLayout Layout, OcrBlock Block)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stopRecognition = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var recognition = RecognizeIntoAsync(image, blocks.Writer, stopRecognition.Token);
        try
        {
            await foreach (var (layout, block) in blocks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await write(renderer.Add(layout, block)).ConfigureAwait(false);
                if (budget.Exhausted)
                {
                    await stopRecognition.CancelAsync().ConfigureAwait(false);
                    break;
                }
            }

            OcrPage page;
            try
            {
                page = await recognition.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (budget.Exhausted)
            {
                // Cancelled above: the answer is already as long as it may be.
                return null;
            }

            await write(renderer.Finish(page)).ConfigureAwait(false);
            return page;
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

    private static Usage UsageOf(OcrJob job, OutputBudget budget) => new()
    {
        PromptTokens = job.PromptTokens,
        CompletionTokens = budget.CompletionTokens,
        TotalTokens = job.PromptTokens + budget.CompletionTokens,
    };

    private async Task<DecodedImage> LoadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await imageLoader.LoadAsync(url, cancellationToken).ConfigureAwait(false);
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
}
