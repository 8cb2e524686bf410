using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Where every export's failure ends: the status to return and the record for <c>ocr_last_error</c>.</summary>
internal static class Failures
{
    public static OcrStatus Record(Exception exception)
    {
        // A failure no path foresaw still never crosses the ABI: OcrFailures keeps only its type and message (the
        // message of a foreseen failure never holds the API key, and no code path puts it into an exception).
        var failure = OcrFailures.Unforeseen(exception);
        LastError.Set(failure);
        return failure.Status;
    }

    public static OcrStatus Record(OcrStatus status, string message)
    {
        LastError.Set(status, message);
        return status;
    }
}
