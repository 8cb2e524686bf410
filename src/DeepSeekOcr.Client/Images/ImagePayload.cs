using System.Buffers;
using System.Buffers.Text;

namespace DeepSeekOcr.Client.Images;

/// <summary>
/// Checked image bytes ready to be sent as a data URL. The Base64 text is written straight into the request stream
/// in fixed-size pieces, so the memory a request needs does not grow with the image, and a retry can write it again.
/// </summary>
internal abstract class ImagePayload
{
    // A multiple of 3, so that every piece but the last encodes without padding.
    private const int InputChunkBytes = 48 * 1024;

    protected ImagePayload(ImageFormat format, long length)
    {
        Format = format;
        Length = length;
    }

    public ImageFormat Format { get; }

    public long Length { get; }

    public long Base64Length => (Length + 2) / 3 * 4;

    public string MimeType => ImageSniffer.MimeType(Format);

    public async Task WriteBase64Async(Stream destination, CancellationToken cancellationToken)
    {
        byte[] input = ArrayPool<byte>.Shared.Rent(InputChunkBytes);
        byte[] output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(InputChunkBytes));
        try
        {
            await using var reader = OpenChunkReader();
            long remaining = Length;
            while (remaining > 0)
            {
                int want = (int)Math.Min(InputChunkBytes, remaining);
                var chunk = await reader.ReadAsync(input.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                remaining -= want;
                Base64.EncodeToUtf8(chunk.Span, output, out _, out int written, isFinalBlock: remaining == 0);
                await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>Opens the bytes anew for one write of the body.</summary>
    protected abstract ImageChunkReader OpenChunkReader();
}
