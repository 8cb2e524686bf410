namespace DeepSeekOcr.Client;

/// <summary>Keeps the API key out of every message, even one a server echoes back.</summary>
internal sealed class SecretRedactor(string? secret)
{
    private const string Replacement = "[redacted]";

    public OcrException Redact(OcrException e) =>
        string.IsNullOrEmpty(secret) || !e.Message.Contains(secret, StringComparison.Ordinal)
            ? e
            : new OcrException(e.Status, e.Message.Replace(secret, Replacement, StringComparison.Ordinal), e.HttpStatus);
}
