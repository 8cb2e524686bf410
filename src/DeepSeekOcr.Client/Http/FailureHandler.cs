namespace DeepSeekOcr.Client.Http;

/// <summary>
/// The inner step of the pipeline: whatever goes wrong on one try leaves it as an <see cref="OcrException"/> that
/// <see cref="RetryHandler"/> can judge. An answer that is not a success (a redirect too: the socket handler never
/// follows one, as it would re-send the body to an address the caller did not choose) becomes the failure that says
/// what the server said; what the HTTP stack throws becomes its status. A cancellation of the call's own token passes
/// through unchanged: the call's scope knows which deadline fired.
/// </summary>
internal sealed class FailureHandler(OcrClientSettings settings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw OcrFailures.FromSend(e, settings);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var failure = await ErrorResponseReader.ReadAsync(response, settings.TimeProvider.GetUtcNow(), settings.Options.Names.BaseUrl, cancellationToken).ConfigureAwait(false);
            throw FailureAdvice.ForAnswer(settings, failure);
        }
    }
}
