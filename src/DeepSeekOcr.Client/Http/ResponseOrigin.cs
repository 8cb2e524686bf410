namespace DeepSeekOcr.Client.Http;

/// <summary>
/// The answer a failure happened on, as the failure reports it: its HTTP status and its <c>x-request-id</c>, which
/// a server's operators need to find the request in their logs. <c>default</c> stands for no answer at all.
/// </summary>
internal readonly record struct ResponseOrigin(int HttpStatus, string? RequestId)
{
    private const string RequestIdHeader = "x-request-id";

    public static ResponseOrigin Of(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Headers.TryGetValues(RequestIdHeader, out var values) ? values.FirstOrDefault() : null);

    /// <summary>A failure on this answer, carrying its status and request id.</summary>
    public OcrException Failure(OcrStatus status, string message, ServerError? serverError = null, TimeSpan? retryAfter = null, Exception? innerException = null) =>
        new(status, message, HttpStatus, innerException) { ServerError = serverError, RequestId = RequestId, RetryAfter = retryAfter };
}
