namespace DeepSeekOcr.Client;

/// <summary>A failed OCR call: the status the C ABI returns, the HTTP status when a server answered, and a message.</summary>
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
}
