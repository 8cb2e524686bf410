using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Where every export's failure ends: the status to return and the record for <c>ocr_last_error</c>.</summary>
internal static class Failures
{
    public static OcrStatus Record(Exception exception)
    {
        if (exception is OcrException ocr)
        {
            LastError.Set(ocr);
            return ocr.Status;
        }

        // Not a failure the library foresaw: still never crosses the ABI. Only the type and message are kept; the
        // message of a foreseen failure never holds the API key, and no code path puts it into an exception.
        LastError.Set(OcrStatus.Internal, $"internal error: {exception.GetType().Name}: {exception.Message}");
        return OcrStatus.Internal;
    }

    public static OcrStatus Record(OcrStatus status, string message)
    {
        LastError.Set(status, message);
        return status;
    }
}
