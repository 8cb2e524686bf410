using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Json;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// Writes <c>{"error":{"message","type","param","code"}}</c> with the exception's status; <c>param</c> and
/// <c>code</c> are always present, null when there is none, as in OpenAI's answers (SDKs read them).
/// </summary>
public static class ErrorResponseWriter
{
    public static async Task WriteAsync(HttpContext context, ApiException error)
    {
        var body = new ErrorResponse
        {
            Error = new ApiError
            {
                Message = error.Message,
                Type = error.Type,
                Param = error.Param,
                Code = error.Code is null ? null : JsonSerializer.SerializeToElement(error.Code, ProtocolJsonContext.Default.String),
            },
        };
        context.Response.StatusCode = error.StatusCode;
        if (error.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        if (error.RetryAfterSeconds is int seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonResponseWriter.WriteAsync(context, body, ServerJsonContext.Default.ErrorResponse).ConfigureAwait(false);
    }
}
