using System.Buffers;
using DeepSeekOcr.Client.Deadlines;

namespace DeepSeekOcr.Client.Http;

/// <summary>Reads a whole response body under a size limit and the idle watchdog.</summary>
internal static class ResponseBodyReader
{
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, ResponseOrigin origin, CallDeadlines scope)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw TooLong(maxBytes, origin);
        }

        await using var stream = await content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
        using var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)length : 16 * 1024);
        // Pooled: with 256 requests in flight a fresh 16 KiB array per answer grew resident memory by about 17 KiB per
        // request in flight (bench/README.md, many requests in flight).
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                scope.ArmIdleWatchdog();
                int read = await stream.ReadAsync(chunk, scope.Token).ConfigureAwait(false);
                scope.DisarmIdleWatchdog();
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > maxBytes)
                {
                    throw TooLong(maxBytes, origin);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static OcrException TooLong(int maxBytes, ResponseOrigin origin) =>
        origin.Failure(OcrStatus.Protocol, $"the answer is longer than {maxBytes} bytes");
}
