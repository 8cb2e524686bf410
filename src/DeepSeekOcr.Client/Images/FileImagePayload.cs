namespace DeepSeekOcr.Client.Images;

/// <summary>An image file, opened anew each time the body is written.</summary>
internal sealed class FileImagePayload(ImageFormat format, string path, long length) : ImagePayload(format, length)
{
    protected override ImageChunkReader OpenChunkReader() => new Reader(path);

    private sealed class Reader(string path) : ImageChunkReader
    {
        private readonly FileStream _file = Open(path);

        public override async ValueTask<ReadOnlyMemory<byte>> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                await _file.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer;
            }
            catch (EndOfStreamException e)
            {
                throw new OcrException(OcrStatus.Io, $"image file '{path}' became shorter while it was being sent", innerException: e);
            }
            catch (IOException e)
            {
                throw new OcrException(OcrStatus.Io, $"image file '{path}' cannot be read any more: {e.Message}", innerException: e);
            }
        }

        private static FileStream Open(string path)
        {
            try
            {
                // No FileStream buffer: the payload reads in pieces larger than one.
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The file was checked before the first attempt; one gone by a retry is an I/O failure, not a network
                // one (which would be retried again and reported as "cannot reach" the server).
                throw new OcrException(OcrStatus.Io, $"image file '{path}' cannot be read any more: {e.Message}", innerException: e);
            }
        }

        public override ValueTask DisposeAsync() => _file.DisposeAsync();
    }
}
