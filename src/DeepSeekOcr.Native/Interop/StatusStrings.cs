using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>The static texts of <c>ocr_status_string</c>, NUL-terminated and stored in the library's image.</summary>
internal static class StatusStrings
{
    public static ReadOnlySpan<byte> For(OcrStatus status) => status switch
    {
        OcrStatus.Ok => "OCR_OK: success\0"u8,
        OcrStatus.InvalidArgument => "OCR_E_INVALID_ARGUMENT: an argument, option or request field is invalid\0"u8,
        OcrStatus.Io => "OCR_E_IO: the image file cannot be read\0"u8,
        OcrStatus.UnsupportedImage => "OCR_E_UNSUPPORTED_IMAGE: the data is not a JPEG, PNG, WebP or BMP image\0"u8,
        OcrStatus.Network => "OCR_E_NETWORK: the service cannot be reached or the connection broke\0"u8,
        OcrStatus.Timeout => "OCR_E_TIMEOUT: the request timed out\0"u8,
        OcrStatus.Cancelled => "OCR_E_CANCELLED: the call was cancelled\0"u8,
        OcrStatus.Auth => "OCR_E_AUTH: the service refused the credentials (HTTP 401 or 403)\0"u8,
        OcrStatus.RateLimited => "OCR_E_RATE_LIMITED: the service is rate limiting requests (HTTP 429)\0"u8,
        OcrStatus.Http => "OCR_E_HTTP: the service refused the request (HTTP 4xx)\0"u8,
        OcrStatus.Server => "OCR_E_SERVER: the service failed (HTTP 5xx or an error object)\0"u8,
        OcrStatus.Protocol => "OCR_E_PROTOCOL: the response was malformed or incomplete\0"u8,
        OcrStatus.TooLarge => "OCR_E_TOO_LARGE: the image is over the size limit\0"u8,
        OcrStatus.Internal => "OCR_E_INTERNAL: an internal error in the library\0"u8,
        _ => "unknown ocr_status\0"u8,
    };
}
