using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Api;

/// <summary>Reads a chat completion request body: JSON content type, size limit, well-formed JSON.</summary>
public sealed class JsonBodyReader(long maxBodyBytes)
{
    public async Task<ChatCompletionRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        if (!request.HasJsonContentType())
        {
            throw ApiErrors.UnsupportedMediaType(request.ContentType);
        }

        // Kestrel enforces the same limit while reading (chunked bodies); checking the declared length answers at once.
        if (request.ContentLength > maxBodyBytes)
        {
            throw ApiErrors.PayloadTooLarge(maxBodyBytes);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, ProtocolJsonContext.Default.ChatCompletionRequest, cancellationToken).ConfigureAwait(false)
                ?? throw ApiErrors.BadRequest("the request body must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"the request body is not a valid chat completion request: {e.Message}");
        }
    }
}
