namespace DeepSeekOcr.Client;

/// <summary>Everything a client is configured with; <see cref="OcrClient"/> validates it and fills defaults.</summary>
public sealed record OcrClientOptions
{
    public const string DefaultBaseUrl = "https://api.codingplanx.ai";
    public const string DefaultModel = "deepseek-ocr";
    public const string BaseUrlVariable = "DEEPSEEK_OCR_BASE_URL";
    public const string ApiKeyVariable = "DEEPSEEK_OCR_API_KEY";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(60);
    public const int DefaultMaxRetries = 2;
    public const long DefaultMaxImageBytes = 20L * 1024 * 1024;

    /// <summary>null: <c>$DEEPSEEK_OCR_BASE_URL</c>, else <see cref="DefaultBaseUrl"/>.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>null: <c>$DEEPSEEK_OCR_API_KEY</c>; none at all: no Authorization header.</summary>
    public string? ApiKey { get; init; }

    public string Model { get; init; } = DefaultModel;

    /// <summary>The whole call, streaming included.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>The longest silence tolerated while a response is arriving (SSE comments count as data).</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>Allows sending the API key over plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; init; }

    public long MaxImageBytes { get; init; } = DefaultMaxImageBytes;

    /// <summary>The longest wait a <c>Retry-After</c> may ask for; a longer one fails the call at once.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest whole response body read; past it the call fails with <see cref="OcrStatus.Protocol"/>.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The longest single SSE line; a server sending an endless line fails the call, not the process.</summary>
    public int MaxLineBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// The clock behind backoff waits, Retry-After dates and the whole-call and idle timeouts (tests pass a fake one);
    /// the connect timeout is the socket layer's and always runs on the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Replaces the network stack, for tests and benchmarks; null: a <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>What the caller calls the options and request fields in messages: C#'s names, or the C header's.</summary>
    internal OptionNames Names { get; init; } = OptionNames.Managed;
}
