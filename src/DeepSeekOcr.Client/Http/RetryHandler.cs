namespace DeepSeekOcr.Client.Http;

/// <summary>
/// The outer step of the pipeline: tries a request again after a failure <see cref="RetryPolicy"/> calls retryable,
/// waiting the backoff or the server's <c>Retry-After</c> on the client's <see cref="TimeProvider"/>. It sees only the
/// request and the answer's head: a streamed body is read after the pipeline has returned, so a request is never
/// retried once a piece of the answer has reached the caller. The last failure is thrown as it was, with its answer's
/// status, error object, request id and Retry-After.
/// </summary>
internal sealed class RetryHandler(int maxRetries, TimeSpan maxRetryAfter, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The same request message and content go out on every try: RequestBodyContent writes its body afresh each time.
        for (int attempt = 0; ; attempt++)
        {
            OcrException failure;
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OcrException e) when (!cancellationToken.IsCancellationRequested && RetryPolicy.IsRetryable(e))
            {
                failure = e;
            }

            // Checked first so that the wait is in the message even when no retry is left.
            if (failure.RetryAfter is { } retryAfter && retryAfter > maxRetryAfter)
            {
                throw failure.Rewritten(
                    $"{failure.Message} (the server asks to retry after {retryAfter.TotalSeconds:0} s, longer than the {maxRetryAfter.TotalSeconds:0} s this client waits)",
                    failure.ServerError,
                    failure.RequestId);
            }

            if (attempt >= maxRetries)
            {
                throw failure;
            }

            // Cancelled by a deadline or the caller: the call's scope says which.
            await Task.Delay(failure.RetryAfter ?? RetryPolicy.Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
