using System.Text;
using System.Text.Json;
using DeepSeekOcr.Client.Deadlines;
using DeepSeekOcr.Client.Documents;
using DeepSeekOcr.Client.Grounding;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Protocol;
using Refit;

namespace DeepSeekOcr.Client;

/// <summary>
/// An OCR client for a DeepSeek-OCR (OpenAI-compatible Chat Completions) service. One instance holds a connection
/// pool and is safe to use from many threads at once. Every failure is an <see cref="OcrException"/>.
/// </summary>
public sealed class OcrClient : IDisposable
{
    private readonly OcrClientSettings _settings;
    private readonly HttpClient _http;
    private readonly IChatCompletionsApi _api;
    private readonly SecretRedactor _redactor;

    public OcrClient(OcrClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = OcrClientSettings.From(options);
        _redactor = new SecretRedactor(_settings.ApiKey);
        _http = HttpClientFactory.Create(_settings);
        _api = RestService.ForGenerated<IChatCompletionsApi>(_http, ProtocolJsonContext.Default);
    }

    private OcrClientOptions Options => _settings.Options;

    /// <summary>What this client's caller calls the options and request fields, for messages.</summary>
    internal OptionNames Names => _settings.Options.Names;

    /// <summary>Recognises one image and returns the whole answer.</summary>
    public Task<OcrResult> RecognizeAsync(OcrRequest request, CancellationToken cancellationToken = default) =>
        RecognizeAsync(request, ImageLinks.Default, cancellationToken);

    /// <summary>
    /// Renders the pages of a PDF and recognises each as an image made from <paramref name="template"/> (its mode,
    /// prompt and parameters; its image must be unset), up to <see cref="OcrDocumentRequest.Concurrency"/> pages at
    /// once. A page that fails keeps its failure in its <see cref="OcrPage"/>; the call fails as a whole only when the
    /// PDF cannot be opened, a page number is out of range, Poppler is missing (<see cref="OcrStatus.Unavailable"/>) or
    /// it is cancelled. <paramref name="progress"/> hears of each page as it ends.
    /// </summary>
    public Task<OcrDocument> RecognizeDocumentAsync(
        OcrDocumentRequest document,
        OcrRequest? template = null,
        IProgress<OcrDocumentProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RecognizeDocumentAsync(document, template, progress, PopplerLibrary.Shared, cancellationToken);

    /// <summary>As the public overload, with the PDF renderer's libraries loaded by <paramref name="poppler"/> (tests name missing ones).</summary>
    internal async Task<OcrDocument> RecognizeDocumentAsync(
        OcrDocumentRequest document,
        OcrRequest? template,
        IProgress<OcrDocumentProgress>? progress,
        Func<PopplerLibrary> poppler,
        CancellationToken cancellationToken)
    {
        using var run = DocumentRun.Start(this, document, template, poppler, cancellationToken);
        return await run.CompleteAsync(progress).ConfigureAwait(false);
    }

    /// <summary>Recognises one image, its markdown linking image regions as <paramref name="links"/> says.</summary>
    internal async Task<OcrResult> RecognizeAsync(OcrRequest request, ImageLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = NewDeadlines(cancellationToken);
        try
        {
            var body = RequestBodyBuilder.Build(request, Options.Model, stream: false, Options.MaxImageBytes, Options.Names);
            var grounding = GroundingContext.Of(request, body, links);
            using var response = await SendAsync(body, stream: false, scope).ConfigureAwait(false);
            return grounding.Apply(await ReadCompletionAsync(response, scope).ConfigureAwait(false));
        }
        catch (OcrException e)
        {
            throw _redactor.Redact(e);
        }
    }

    /// <summary>
    /// Sends a streaming request and returns once the answer has begun: read it with <see cref="OcrStream.MoveNextAsync"/>.
    /// A request is retried only before this returns, so never after a piece of text has been handed out.
    /// </summary>
    public async Task<OcrStream> StreamAsync(OcrRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = NewDeadlines(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            var body = RequestBodyBuilder.Build(request, Options.Model, stream: true, Options.MaxImageBytes, Options.Names);
            response = await SendAsync(body, stream: true, scope).ConfigureAwait(false);
            RequireMediaType(response, "text/event-stream");
            var stream = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            return new OcrStream(response, stream, scope, _redactor, Options.MaxLineBytes, GroundingContext.Of(request, body));
        }
        catch (Exception e)
        {
            var failure = e as OcrException ?? Translate(e, scope); // reads the scope: before it is disposed
            response?.Dispose();
            scope.Dispose();
            throw _redactor.Redact(failure);
        }
    }

    private CallDeadlines NewDeadlines(CancellationToken cancellationToken) =>
        new(Options.Timeout, Options.IdleTimeout, cancellationToken, _settings.TimeProvider, Options.Names);

    /// <summary>Sends the request through the pipeline (retries, failures: see <see cref="HttpClientFactory"/>) and returns the successful answer's head.</summary>
    private async Task<HttpResponseMessage> SendAsync(RequestBody body, bool stream, CallDeadlines scope)
    {
        try
        {
            var content = body.ToContent();
            return await (stream ? _api.CreateStreamingAsync(content, scope.Token) : _api.CreateAsync(content, scope.Token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OcrException)
        {
            throw Translate(e, scope);
        }
    }

    private async Task<OcrResult> ReadCompletionAsync(HttpResponseMessage response, CallDeadlines scope)
    {
        var origin = ResponseOrigin.Of(response);
        RequireMediaType(response, "application/json");
        byte[] json;
        try
        {
            json = await ResponseBodyReader.ReadAsync(response.Content, Options.MaxResponseBytes, origin, scope).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OcrException)
        {
            throw Translate(e, scope);
        }

        ChatCompletionResponse? completion;
        try
        {
            completion = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ChatCompletionResponse);
        }
        catch (JsonException e)
        {
            throw origin.Failure(OcrStatus.Protocol, $"the answer is not valid JSON: {e.Message}", innerException: e);
        }

        if (completion?.Choices is not [{ } choice, ..])
        {
            throw ServerErrorReader.TryRead(json) is { } error
                ? OcrFailures.ServerReported(origin, error, midStream: false)
                : origin.Failure(OcrStatus.Protocol, "the answer has no choices");
        }

        var usage = completion.Usage;
        return new OcrResult
        {
            TextUtf8 = Encoding.UTF8.GetBytes(choice.Message?.Content ?? ""),
            FinishReason = choice.FinishReason ?? "",
            Id = completion.Id ?? "",
            Model = completion.Model ?? "",
            Created = completion.Created,
            Usage = usage is null ? default : new OcrUsage(usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens),
            HttpStatus = origin.HttpStatus,
        };
    }

    private static void RequireMediaType(HttpResponseMessage response, string expected)
    {
        string? actual = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            var origin = ResponseOrigin.Of(response);
            response.Dispose();
            throw origin.Failure(OcrStatus.Protocol, $"the server answered with content type '{actual ?? "(none)"}' where '{expected}' was expected");
        }
    }

    /// <summary>What a call's own token, or the HTTP stack, threw: the scope says which deadline fired.</summary>
    private OcrException Translate(Exception e, CallDeadlines scope)
    {
        var cause = OcrFailures.Unwrapped(e);
        return OcrFailures.Carried(e)
            ?? (cause is OperationCanceledException && scope.IsCancellationRequested ? scope.Explain(cause) : OcrFailures.FromSend(cause, _settings));
    }

    public void Dispose() => _http.Dispose();
}
