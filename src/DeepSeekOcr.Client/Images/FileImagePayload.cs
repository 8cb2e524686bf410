namespace DeepSeekOcr.Client.Images;

/// <summary>An image file, opened anew each time the body is written.</summary>
internal sealed class FileImagePayload(ImageFormat format, string path, long length) : ImagePayload(format, length)
{
    protected override ImageChunkReader OpenChunkReader() => new Reader(path);

    private sealed class Reader(string path) : ImageChunkReader
    {
        // No FileStream buffer: the payload reads in pieces larger than one.
        private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

        public override async ValueTask FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                await _file.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException e)
            {
                throw new OcrException(OcrStatus.Io, $"image file '{path}' became shorter while it was being sent", innerException: e);
            }
        }

        public override ValueTask DisposeAsync() => _file.DisposeAsync();
    }
}
