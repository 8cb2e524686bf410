using System.Net.Http.Headers;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// When and how long to wait before trying again, as the official OpenAI SDKs do: connection failures and 408, 429,
/// 500, 502, 503, 504 are retried with exponential backoff <c>min(0.5 s * 2^n, 8 s)</c> less up to 25% jitter, and a
/// <c>Retry-After</c> (seconds or an HTTP date) is honoured up to a cap. <see cref="RetryHandler"/> applies it.
/// </summary>
internal static class RetryPolicy
{
    private static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    public static bool IsRetryable(int httpStatus) => httpStatus is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>Whether a failed try is worth another: a retryable answer, or no answer for a network reason.</summary>
    public static bool IsRetryable(OcrException failure) => failure.HttpStatus != 0
        ? IsRetryable(failure.HttpStatus)
        : failure.Status is OcrStatus.Network or OcrStatus.Timeout;

    public static TimeSpan Backoff(int attempt)
    {
        double seconds = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, attempt), MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (1 - (0.25 * Random.Shared.NextDouble())));
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for, or null when there is none.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
