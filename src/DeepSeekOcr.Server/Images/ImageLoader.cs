using System.Buffers;
using DeepSeekOcr.Protocol.Images;

namespace DeepSeekOcr.Server.Images;

/// <summary>
/// Turns an image_url into checked image bytes: a base64 <c>data:</c> URL is decoded, an http(s) URL is downloaded
/// within a time and size limit. Only PNG, JPEG, WebP and BMP pass.
/// </summary>
public sealed class ImageLoader(HttpClient http, long maxImageBytes, TimeSpan fetchTimeout)
{
    public async Task<byte[]> LoadAsync(string url, CancellationToken cancellationToken = default)
    {
        var bytes = url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            ? DecodeDataUrl(url)
            : await DownloadAsync(url, cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw new ImageRejectedException("the image is empty");
        }

        if (ImageSignatures.FormatOf(bytes) is null)
        {
            throw new ImageRejectedException("unsupported image format: the bytes are not PNG, JPEG, WebP or BMP");
        }

        return bytes;
    }

    /// <summary>RFC 2397: <c>data:[mediatype][;base64],data</c>. Only the base64 form carries binary safely.</summary>
    private byte[] DecodeDataUrl(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new ImageRejectedException("the data: URL has no ',' before its data");
        }

        if (!url.AsSpan(5, comma - 5).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageRejectedException("the data: URL must be base64-encoded (data:image/png;base64,...)");
        }

        var data = url.AsSpan(comma + 1);
        if ((long)data.Length / 4 * 3 > maxImageBytes + 3)
        {
            throw new ImageRejectedException($"the image is larger than the limit of {maxImageBytes} bytes");
        }

        var buffer = new byte[(data.Length + 3) / 4 * 3];
        if (!Convert.TryFromBase64Chars(data, buffer, out var written))
        {
            throw new ImageRejectedException("the data: URL does not hold valid base64");
        }

        if (written > maxImageBytes)
        {
            throw new ImageRejectedException($"the image is larger than the limit of {maxImageBytes} bytes");
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    private async Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ImageRejectedException("image_url must be an http(s) URL or a data: URL");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(fetchTimeout);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageRejectedException($"fetching image_url failed: HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > maxImageBytes)
            {
                throw new ImageRejectedException($"the image at image_url is larger than the limit of {maxImageBytes} bytes");
            }

            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadBoundedAsync(body, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImageRejectedException($"fetching image_url timed out after {fetchTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e) when (RefusalIn(e) is { } refusal)
        {
            throw new ImageRejectedException(refusal.Message);
        }
        catch (HttpRequestException e)
        {
            throw new ImageRejectedException($"fetching image_url failed: {e.Message}");
        }
    }

    /// <summary>The connector's refusal, which the handler wraps (with the host and port) in its own exception.</summary>
    private static ImageAddressRefusedException? RefusalIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is ImageAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>Reads at most <c>maxImageBytes</c>, whatever the server claimed as its length.</summary>
    private async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var collected = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (collected.Length + read > maxImageBytes)
                {
                    throw new ImageRejectedException($"the image at image_url is larger than the limit of {maxImageBytes} bytes");
                }

                collected.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return collected.ToArray();
    }
}
