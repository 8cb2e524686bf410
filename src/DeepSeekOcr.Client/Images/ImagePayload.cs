using System.Buffers.Text;
using DeepSeekOcr.Protocol.Images;

namespace DeepSeekOcr.Client.Images;

/// <summary>
/// Checked image bytes ready to be sent as a data URL. The Base64 text is written straight into the request stream
/// in fixed-size pieces, so the memory a request needs does not grow with the image, and a retry can write it again.
/// </summary>
internal abstract class ImagePayload
{
    // Just under 192 KiB: a multiple of 3, so that every piece but the last encodes without padding, and of the
    // 64-byte alignment, so that every file offset keeps the page cache and the buffer aligned alike. Both buffers,
    // with their alignment slack, fit ArrayPool's 256 KiB arrays; 448 KiB in all stays inside the 1 MiB L2 of a core.
    // Reading and encoding a file costs about 10% more in 48 KiB pieces (four times as many reads) and no less in
    // pieces up to 768 KiB (bench/README.md section 2).
    private const int InputChunkBytes = (256 * 1024 / 4 - AlignedPooledBuffer.Alignment) * 3;

    protected ImagePayload(ImageFormat format, long length)
    {
        Format = format;
        Length = length;
    }

    public ImageFormat Format { get; }

    /// <summary>The image's width and height from its header, read when it was checked; null when the header is odd.</summary>
    public ImageSize? Size { get; init; }

    public long Length { get; }

    public long Base64Length => (Length + 2) / 3 * 4;

    public string MimeType => ImageSignatures.MimeType(Format);

    public async Task WriteBase64Async(Stream destination, CancellationToken cancellationToken)
    {
        using var input = new AlignedPooledBuffer(InputChunkBytes);
        using var output = new AlignedPooledBuffer(Base64.GetMaxEncodedToUtf8Length(InputChunkBytes));
        await using var reader = OpenPieceReader();
        long remaining = Length;
        while (remaining > 0)
        {
            int want = (int)Math.Min(InputChunkBytes, remaining);
            var chunk = await reader.ReadAsync(input.Memory[..want], cancellationToken).ConfigureAwait(false);
            remaining -= want;
            // Every piece but the last is a multiple of 3 bytes, so encoding each as complete adds padding to the
            // last alone: the pieces join into the Base64 of the whole image.
            int written = Base64Encoding.Encode(chunk.Span, output.Memory.Span);
            await destination.WriteAsync(output.Memory[..written], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the bytes anew for one write of the body.</summary>
    protected abstract ImagePieceReader OpenPieceReader();
}
