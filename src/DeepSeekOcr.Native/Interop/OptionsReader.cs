using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Reads <c>ocr_client_options</c> into <see cref="OcrClientOptions"/>, where 0 (or -1) picks a default. The gate has
/// already applied the struct-size rule: the struct is whole, of this library's size.
/// </summary>
internal static unsafe class OptionsReader
{
    public static OcrClientOptions Read(NativeClientOptions* options)
    {
        if (options is null)
        {
            return new OcrClientOptions { Names = HeaderNames.Fields };
        }

        var defaults = new OcrClientOptions();
        return new OcrClientOptions
        {
            BaseUrl = Utf8Strings.Read(options->BaseUrl, "base_url"),
            ApiKey = Utf8Strings.Read(options->ApiKey, "api_key"),
            Model = Utf8Strings.Read(options->Model, "model") ?? OcrClientOptions.DefaultModel,
            Timeout = Milliseconds(options->TimeoutMs, "timeout_ms", defaults.Timeout),
            ConnectTimeout = Milliseconds(options->ConnectTimeoutMs, "connect_timeout_ms", defaults.ConnectTimeout),
            IdleTimeout = Milliseconds(options->IdleTimeoutMs, "idle_timeout_ms", defaults.IdleTimeout),
            MaxRetries = options->MaxRetries switch
            {
                -1 => defaults.MaxRetries,
                // -1 is C's "the default"; what else is out of range the core says, in its own terms.
                < -1 => throw Invalid($"max_retries must be -1 (the default, {defaults.MaxRetries}) or 0 or more, not {options->MaxRetries}"),
                _ => options->MaxRetries,
            },
            AllowInsecureHttp = options->AllowInsecureHttp != 0,
            MaxImageBytes = options->MaxImageBytes switch
            {
                0 => defaults.MaxImageBytes,
                < 0 => throw Invalid($"max_image_bytes must not be negative (0 picks the default), not {options->MaxImageBytes}"),
                _ => options->MaxImageBytes,
            },
            Names = HeaderNames.Fields,
        };
    }

    private static TimeSpan Milliseconds(int value, string field, TimeSpan fallback) => value switch
    {
        0 => fallback,
        < 0 => throw Invalid($"{field} must not be negative (0 picks the default), not {value}"),
        _ => TimeSpan.FromMilliseconds(value),
    };

    private static OcrException Invalid(string message) => new(OcrStatus.InvalidArgument, message);
}
