using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// The header's names for the options and request fields, and how C leaves a field unset, which the core's messages
/// use for C callers (and, through the C ABI, for Python's): what C# calls <c>Timeout</c> a C caller set as
/// <c>timeout_ms</c>.
/// </summary>
internal static class HeaderNames
{
    public static readonly OptionNames Fields = new()
    {
        BaseUrl = "base_url",
        ApiKey = "api_key",
        AllowInsecureHttp = "allow_insecure_http",
        Timeout = "timeout_ms",
        ConnectTimeout = "connect_timeout_ms",
        IdleTimeout = "idle_timeout_ms",
        MaxRetries = "max_retries",
        MaxImageBytes = "max_image_bytes",
        LocateText = "locate_text",
        MaxTokens = "max_tokens",
        Temperature = "temperature",
        TopP = "top_p",
        ResponseFormat = "response_format_json",
        Tools = "tools_json",
        ExtraBody = "extra_body_json",
        Dpi = "dpi",
        Concurrency = "concurrency",
        PdfPath = "pdf_path",
        PdfData = "pdf_data",
        DocumentName = "name",
        NumberUnset = " (NaN leaves it unset)",
        CountUnset = " (0 leaves it unset)",
    };
}
