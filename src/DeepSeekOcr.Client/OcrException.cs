namespace DeepSeekOcr.Client;

/// <summary>
/// A failed OCR call: the status the C ABI returns, the HTTP status when a server answered, the library's message,
/// and what the server said about it (its error object, request id and Retry-After), never parsed back from text.
/// </summary>
public sealed class OcrException : Exception
{
    public OcrException(OcrStatus status, string message, int httpStatus = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        HttpStatus = httpStatus;
    }

    public OcrStatus Status { get; }

    /// <summary>The HTTP status of the failed answer, or 0 when none arrived.</summary>
    public int HttpStatus { get; }

    /// <summary>The server's error object, when the failed answer carried one (a body, or an event mid-stream).</summary>
    public ServerError? ServerError { get; init; }

    /// <summary>The <c>x-request-id</c> header of the failed answer, when it had one.</summary>
    public string? RequestId { get; init; }

    /// <summary>The failed answer's <c>Retry-After</c>, when it had one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The same failure told in other words: every detail is kept but the cause, whose text may hold what the new
    /// words leave out (a redacted secret).
    /// </summary>
    internal OcrException Rewritten(string message, ServerError? serverError, string? requestId) =>
        new(Status, message, HttpStatus) { ServerError = serverError, RequestId = requestId, RetryAfter = RetryAfter };
}
