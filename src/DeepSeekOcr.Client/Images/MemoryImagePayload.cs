namespace DeepSeekOcr.Client.Images;

/// <summary>Image bytes held in memory (the caller's buffer, not a copy).</summary>
internal sealed class MemoryImagePayload(ImageFormat format, ReadOnlyMemory<byte> bytes)
    : ImagePayload(format, bytes.Length)
{
    protected override ImageChunkReader OpenChunkReader() => new Reader(bytes);

    private sealed class Reader(ReadOnlyMemory<byte> bytes) : ImageChunkReader
    {
        private int _offset;

        public override ValueTask FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            bytes.Slice(_offset, buffer.Length).CopyTo(buffer);
            _offset += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
