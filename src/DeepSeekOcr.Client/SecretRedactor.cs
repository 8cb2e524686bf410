namespace DeepSeekOcr.Client;

/// <summary>Keeps the API key out of every text a failure carries, even one a server echoes back.</summary>
internal sealed class SecretRedactor(string? secret)
{
    private const string Replacement = "[redacted]";

    public OcrException Redact(OcrException e)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return e;
        }

        string message = Redact(e.Message)!;
        var serverError = Redact(e.ServerError);
        string? requestId = Redact(e.RequestId);
        return message == e.Message && serverError == e.ServerError && requestId == e.RequestId
            ? e
            : e.Rewritten(message, serverError, requestId);
    }

    private ServerError? Redact(ServerError? error) =>
        error is null ? null : new ServerError(Redact(error.Message), Redact(error.Type), Redact(error.Param), Redact(error.Code));

    private string? Redact(string? text) => text?.Replace(secret!, Replacement, StringComparison.Ordinal);
}
