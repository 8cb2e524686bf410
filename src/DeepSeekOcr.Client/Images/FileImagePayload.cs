using DeepSeekOcr.Protocol.Images;
using Microsoft.Win32.SafeHandles;

namespace DeepSeekOcr.Client.Images;

/// <summary>An image file, opened anew each time the body is written.</summary>
internal sealed class FileImagePayload(ImageFormat format, string path, long length) : ImagePayload(format, length)
{
    protected override ImagePieceReader OpenPieceReader() => new Reader(path);

    private sealed class Reader(string path) : ImagePieceReader
    {
        private readonly SafeFileHandle _file = Open(path);
        private long _offset;

        // Read inline with RandomAccess: a local file answers in microseconds, and unlike FileStream.ReadAsync this
        // allocates nothing per piece, so the memory a request needs does not grow with the image.
        public override ValueTask<ReadOnlyMemory<byte>> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                int filled = PositionedRead.Fill(_file, buffer.Span, _offset);
                _offset += filled;
                if (filled < buffer.Length)
                {
                    throw new OcrException(OcrStatus.Io, $"image file '{path}' became shorter while it was being sent");
                }

                return ValueTask.FromResult<ReadOnlyMemory<byte>>(buffer);
            }
            catch (IOException e)
            {
                throw new OcrException(OcrStatus.Io, $"image file '{path}' cannot be read any more: {e.Message}", innerException: e);
            }
        }

        private static SafeFileHandle Open(string path)
        {
            try
            {
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The file was checked before the first attempt; one gone by a retry is an I/O failure, not a network
                // one (which would be retried again and reported as "cannot reach" the server).
                throw new OcrException(OcrStatus.Io, $"image file '{path}' cannot be read any more: {e.Message}", innerException: e);
            }
        }

        public override ValueTask DisposeAsync()
        {
            _file.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
