using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// Turns an answer that is not a success into an <see cref="OcrException"/> that says what the server said, in its
/// message and as fields: the error object, the request id and the Retry-After.
/// </summary>
internal static partial class ErrorResponseReader
{
    // Enough for any error object; an endless error page must not cost more.
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const int MaxQuotedChars = 300;

    /// <param name="now">When the answer arrived, on the client's clock: a Retry-After date is a wait from then.</param>
    /// <param name="baseUrlName">What the caller calls the base URL, for the advice after a redirect.</param>
    public static async Task<OcrException> ReadAsync(HttpResponseMessage response, DateTimeOffset now, string baseUrlName, CancellationToken cancellationToken)
    {
        ServerError? serverError = null;
        string detail;
        try
        {
            byte[] body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            serverError = ServerErrorReader.TryRead(body);
            detail = Describe(body, serverError, response);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            detail = "(the error body could not be read)";
        }

        string location = response.Headers.Location is { } to ? $" (redirected to {to}; set {baseUrlName} to the final address)" : "";
        string message = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{location}: {detail}";
        var retryAfter = RetryPolicy.RetryAfter(response.Headers.RetryAfter, now);
        return ResponseOrigin.Of(response).Failure(OcrFailures.ForHttpStatus((int)response.StatusCode), message, serverError, retryAfter);
    }

    private static string Describe(byte[] utf8, ServerError? serverError, HttpResponseMessage response)
    {
        if (utf8.Length == 0)
        {
            return "(empty body)";
        }

        if (serverError is not null)
        {
            return Quote(ServerErrorReader.Summary(serverError));
        }

        string body = Encoding.UTF8.GetString(utf8);
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

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[MaxErrorBodyBytes];
        int length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return buffer[..length];
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
