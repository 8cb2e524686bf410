using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Json;

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

        // A declared length is checked at once; a chunked body is counted while it is read.
        if (request.ContentLength > maxBodyBytes)
        {
            throw ApiErrors.PayloadTooLarge(maxBodyBytes);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(new BodySizeLimitStream(request.Body, maxBodyBytes), ServerJsonContext.Default.ChatCompletionRequest, cancellationToken).ConfigureAwait(false)
                ?? throw ApiErrors.BadRequest("the request body must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            var member = JsonErrorMessages.Member(e);
            throw ApiErrors.BadRequest(JsonErrorMessages.Describe(e), member.Length == 0 ? null : member);
        }
    }
}
