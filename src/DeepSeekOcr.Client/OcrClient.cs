using System.Text;
using System.Text.Json;
using DeepSeekOcr.Client.Calls;
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
        _http = HttpClientFactory.Create(_settings.BaseAddress, _settings.ApiKey, options);
        _api = RestService.ForGenerated<IChatCompletionsApi>(_http, ProtocolJsonContext.Default);
    }

    private OcrClientOptions Options => _settings.Options;

    /// <summary>Recognises one image and returns the whole answer.</summary>
    public async Task<OcrResult> RecognizeAsync(OcrRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = new CallScope(Options.Timeout, Options.IdleTimeout, cancellationToken);
        try
        {
            var body = RequestBodyBuilder.Build(request, Options.Model, stream: false, Options.MaxImageBytes);
            var grounding = GroundingContext.Of(request);
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
        var scope = new CallScope(Options.Timeout, Options.IdleTimeout, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            var body = RequestBodyBuilder.Build(request, Options.Model, stream: true, Options.MaxImageBytes);
            response = await SendAsync(body, stream: true, scope).ConfigureAwait(false);
            RequireMediaType(response, "text/event-stream");
            var stream = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            return new OcrStream(response, stream, scope, _redactor, Options.MaxLineBytes, GroundingContext.Of(request));
        }
        catch (Exception e)
        {
            var failure = e as OcrException ?? Translate(e, scope); // reads the scope: before it is disposed
            response?.Dispose();
            scope.Dispose();
            throw _redactor.Redact(failure);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(RequestBody body, bool stream, CallScope scope)
    {
        for (int attempt = 0; ; attempt++)
        {
            OcrException failure;
            try
            {
                var content = body.ToContent();
                var response = await (stream ? _api.CreateStreamingAsync(content, scope.Token) : _api.CreateAsync(content, scope.Token)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    failure = FailureAdvice.ForAnswer(_settings, await ErrorResponseReader.ReadAsync(response, scope.Token).ConfigureAwait(false));
                }

                if (!RetryPolicy.IsRetryable(failure.HttpStatus))
                {
                    throw failure;
                }
            }
            catch (Exception e) when (e is not OcrException)
            {
                failure = Translate(e, scope);
                if (failure.Status is not (OcrStatus.Network or OcrStatus.Timeout) || scope.IsCancellationRequested)
                {
                    throw failure;
                }
            }

            // Checked first so that the wait is in the message even when no retry is left.
            if (failure.RetryAfter is { } retryAfter && retryAfter > Options.MaxRetryAfter)
            {
                throw failure.Rewritten(
                    $"{failure.Message} (the server asks to retry after {retryAfter.TotalSeconds:0} s, longer than the {Options.MaxRetryAfter.TotalSeconds:0} s this client waits)",
                    failure.ServerError,
                    failure.RequestId);
            }

            if (attempt >= Options.MaxRetries)
            {
                throw failure;
            }

            await DelayAsync(failure.RetryAfter ?? RetryPolicy.Backoff(attempt), scope).ConfigureAwait(false);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CallScope scope)
    {
        try
        {
            await Task.Delay(delay, scope.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw scope.Explain(e);
        }
    }

    private async Task<OcrResult> ReadCompletionAsync(HttpResponseMessage response, CallScope scope)
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
                ? origin.Failure(OcrStatus.Server, $"the server reported an error: {ServerErrorReader.Summary(error)}", error)
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

    /// <summary>Maps what HttpClient throws onto the library's statuses.</summary>
    private OcrException Translate(Exception e, CallScope scope)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OcrException ocr)
            {
                return ocr; // thrown while the body was being written, e.g. an image file that shrank
            }
        }

        // Refit wraps what the HTTP stack throws (ApiRequestException); the cause is what tells the status.
        while (e is ApiRequestException { InnerException: { } cause })
        {
            e = cause;
        }

        if (e is OperationCanceledException && scope.IsCancellationRequested)
        {
            return scope.Explain(e);
        }

        string target = _settings.BaseAddress.GetLeftPart(UriPartial.Authority);
        return e switch
        {
            OperationCanceledException { InnerException: TimeoutException } =>
                new OcrException(OcrStatus.Timeout, $"could not connect to {target} within {Options.ConnectTimeout.TotalMilliseconds:0} ms (connect_timeout_ms){FailureAdvice.Unreachable(_settings, e)}", innerException: e),
            HttpRequestException http =>
                new OcrException(OcrStatus.Network, $"cannot reach {target}: {http.Message}{InnerMessage(http)}{FailureAdvice.Unreachable(_settings, e)}", innerException: e),
            IOException io =>
                new OcrException(OcrStatus.Network, $"the connection to {target} broke: {io.Message}", innerException: e),
            _ => new OcrException(OcrStatus.Internal, $"unexpected {e.GetType().Name}: {e.Message}", innerException: e),
        };
    }

    private static string InnerMessage(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $" ({inner.Message})" : "";

    public void Dispose() => _http.Dispose();
}
