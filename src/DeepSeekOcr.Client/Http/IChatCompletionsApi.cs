using Refit;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// The Chat Completions endpoint. The body is a prepared <see cref="HttpContent"/> (the image is Base64-encoded while
/// it is sent) and the raw response comes back, so that errors, limits and SSE are read by this library's own code.
/// </summary>
internal interface IChatCompletionsApi
{
    [Post("/v1/chat/completions")]
    [Headers("Accept: application/json")]
    Task<HttpResponseMessage> CreateAsync([Body] HttpContent body, CancellationToken cancellationToken);

    [Post("/v1/chat/completions")]
    [Headers("Accept: text/event-stream")]
    Task<HttpResponseMessage> CreateStreamingAsync([Body] HttpContent body, CancellationToken cancellationToken);
}
