using DeepSeekOcr.Client.Calls;

namespace DeepSeekOcr.Client.Http;

/// <summary>Reads a whole response body under a size limit and the idle watchdog.</summary>
internal static class ResponseBodyReader
{
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, ResponseOrigin origin, CallScope scope)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw TooLong(maxBytes, origin);
        }

        await using var stream = await content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
        using var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)length : 16 * 1024);
        byte[] chunk = new byte[16 * 1024];
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

    private static OcrException TooLong(int maxBytes, ResponseOrigin origin) =>
        origin.Failure(OcrStatus.Protocol, $"the answer is longer than {maxBytes} bytes");
}
