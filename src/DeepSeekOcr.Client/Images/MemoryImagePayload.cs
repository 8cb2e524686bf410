using DeepSeekOcr.Protocol.Images;

namespace DeepSeekOcr.Client.Images;

/// <summary>Image bytes held in memory (the caller's buffer, not a copy).</summary>
internal sealed class MemoryImagePayload(ImageFormat format, ReadOnlyMemory<byte> bytes)
    : ImagePayload(format, bytes.Length)
{
    protected override ImagePieceReader OpenPieceReader() => new Reader(bytes);

    private sealed class Reader(ReadOnlyMemory<byte> bytes) : ImagePieceReader
    {
        private int _offset;

        public override ValueTask<ReadOnlyMemory<byte>> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var next = bytes.Slice(_offset, buffer.Length);
            _offset += buffer.Length;
            return ValueTask.FromResult(next);
        }
    }
}
