using System.Net;

namespace DeepSeekOcr.Client;

/// <summary><see cref="OcrClientOptions"/> checked and completed from the environment: what a client runs with.</summary>
/// <param name="BaseAddress">Where Refit's "/v1/chat/completions" is appended.</param>
/// <param name="BaseUrl">The base URL as the caller gave it, for messages (user info left out).</param>
/// <param name="BaseUrlSource">Where the base URL came from, for messages: a forgotten setting must be visible.</param>
internal sealed record OcrClientSettings(Uri BaseAddress, string BaseUrl, BaseUrlSource BaseUrlSource, string? ApiKey, OcrClientOptions Options)
{
    private const int MaxRetriesLimit = 10;
    private const long MaxImageBytesLimit = 1L << 30;
    private const string VersionSegment = "/v1";

    // The longest delay .NET timers take (CancelAfter, Task.Delay, ConnectTimeout), and the range of the C ABI's
    // *_ms fields: a longer one would throw ArgumentOutOfRangeException from deep inside a call.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(int.MaxValue);

    public static OcrClientSettings From(OcrClientOptions options)
    {
        string? fromVariable = NonEmpty(Environment.GetEnvironmentVariable(OcrClientOptions.BaseUrlVariable));
        var (baseUrl, source) = options.BaseUrl is not null ? (options.BaseUrl, BaseUrlSource.Argument)
            : fromVariable is not null ? (fromVariable, BaseUrlSource.Environment)
            : (OcrClientOptions.DefaultBaseUrl, BaseUrlSource.Default);
        string? apiKey = options.ApiKey ?? NonEmpty(Environment.GetEnvironmentVariable(OcrClientOptions.ApiKeyVariable));
        var names = options.Names;
        Uri baseUri = ParseBaseUrl(baseUrl, names.BaseUrl);
        Uri baseAddress = BaseAddressOf(baseUri);

        Require(options.Model.Length > 0, "model is empty");
        Require(options.TimeProvider is not null, "the time provider is null");
        RequireDelay(options.Timeout, names.Timeout);
        RequireDelay(options.ConnectTimeout, names.ConnectTimeout);
        RequireDelay(options.IdleTimeout, names.IdleTimeout);
        Require(options.MaxRetryAfter >= TimeSpan.Zero && options.MaxRetryAfter <= MaxDelay, $"the longest Retry-After wait must be 0 to {int.MaxValue} ms");
        Require(options.MaxRetries is >= 0 and <= MaxRetriesLimit, $"{names.MaxRetries} must be 0 to {MaxRetriesLimit}, not {options.MaxRetries}");
        Require(options.MaxImageBytes is > 0 and <= MaxImageBytesLimit, $"{names.MaxImageBytes} must be 1 to {MaxImageBytesLimit}, not {options.MaxImageBytes}");
        if (apiKey is not null)
        {
            Require(apiKey.All(c => c is > ' ' and < (char)0x7F), $"{names.ApiKey} holds characters that cannot be sent in an HTTP header");
            Require(
                baseAddress.Scheme == Uri.UriSchemeHttps || IsLoopback(baseAddress) || options.AllowInsecureHttp,
                $"refusing to send the API key over plain http to {baseAddress.Host}: use https, or set {names.AllowInsecureHttp}");
        }

        string shown = baseUri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        return new OcrClientSettings(baseAddress, shown, source, apiKey, options);
    }

    /// <summary>The clock a client runs on: <see cref="OcrClientOptions.TimeProvider"/>.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>The URL every request is sent to, for messages.</summary>
    public string Endpoint => $"{BaseAddress.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/')}/v1/chat/completions";

    /// <summary>The base URL and where it came from, e.g. "http://127.0.0.1:8000 (from DEEPSEEK_OCR_BASE_URL)".</summary>
    public string DescribeBaseUrl() => BaseUrlSource switch
    {
        BaseUrlSource.Argument => $"{BaseUrl} (from {Options.Names.BaseUrl})",
        BaseUrlSource.Environment => $"{BaseUrl} (from {OcrClientOptions.BaseUrlVariable})",
        _ => $"{BaseUrl} (the default, as neither {Options.Names.BaseUrl} nor {OcrClientOptions.BaseUrlVariable} is set)",
    };

    private static Uri ParseBaseUrl(string baseUrl, string name)
    {
        Require(
            Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0,
            $"{name} '{baseUrl}' is not an absolute http:// or https:// URL");
        Require(uri!.Query.Length == 0 && uri.Fragment.Length == 0, $"{name} '{baseUrl}' must not have a query or fragment");
        return uri;
    }

    private static void RequireDelay(TimeSpan delay, string name)
    {
        Require(delay > TimeSpan.Zero, $"{name} must be positive, not {delay}");
        Require(delay <= MaxDelay, $"{name} must be at most {int.MaxValue} ms, not {delay}");
    }

    private static Uri BaseAddressOf(Uri baseUri)
    {
        // Every OpenAI client takes the base URL with its "/v1" (https://api.openai.com/v1), so users copy it that
        // way: it names the same endpoint as the root, not ".../v1/v1/chat/completions".
        string path = baseUri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(VersionSegment, StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^VersionSegment.Length];
        }

        // Refit appends "/v1/chat/completions" to the base address's path; a trailing slash would double it.
        var root = new UriBuilder(baseUri) { Path = path };
        return new Uri(root.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new OcrException(OcrStatus.InvalidArgument, message);
        }
    }
}
