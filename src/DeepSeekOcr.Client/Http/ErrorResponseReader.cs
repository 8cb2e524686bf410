using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client.Http;

/// <summary>Turns an answer that is not a success into an <see cref="OcrException"/> that says what the server said.</summary>
internal static partial class ErrorResponseReader
{
    // Enough for any error object; an endless error page must not cost more.
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const int MaxQuotedChars = 300;

    public static async Task<OcrException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int code = (int)response.StatusCode;
        string detail;
        try
        {
            string body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            detail = Describe(body, response);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            detail = "(the error body could not be read)";
        }

        string location = response.Headers.Location is { } to ? $" (redirected to {to}; set base_url to the final address)" : "";
        string message = $"HTTP {code} {response.ReasonPhrase}{location}: {detail}";
        return new OcrException(StatusFor(response.StatusCode), message, code);
    }

    public static OcrStatus StatusFor(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => OcrStatus.Auth,
        429 => OcrStatus.RateLimited,
        >= 500 => OcrStatus.Server,
        _ => OcrStatus.Http,
    };

    /// <summary>The message of an OpenAI-style error object, or null when the text is not one.</summary>
    public static string? TryGetErrorMessage(ReadOnlySpan<byte> json)
    {
        try
        {
            var error = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ErrorResponse)?.Error;
            return error is null ? null : error.Message ?? error.Type ?? "(an error object without a message)";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(string body, HttpResponseMessage response)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        if (TryGetErrorMessage(Encoding.UTF8.GetBytes(body)) is { } message)
        {
            return Quote(message);
        }

        string mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) || body.TrimStart().StartsWith('<'))
        {
            var title = TitleRegex().Match(body);
            return title.Success
                ? $"an HTML page, likely from a proxy: \"{Quote(title.Groups[1].Value)}\""
                : "an HTML page, likely from a proxy";
        }

        return Quote(body);
    }

    private static string Quote(string text)
    {
        string oneLine = WhitespaceRegex().Replace(text, " ").Trim();
        return oneLine.Length <= MaxQuotedChars ? oneLine : string.Concat(oneLine.AsSpan(0, MaxQuotedChars), "...");
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[MaxErrorBodyBytes];
        int length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
