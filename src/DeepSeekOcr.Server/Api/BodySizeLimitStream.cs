namespace DeepSeekOcr.Server.Api;

/// <summary>
/// Reads the request body and refuses it with 413 once it passes the limit. The server enforces the limit here
/// rather than through Kestrel's own (which is set higher) because after this refusal Kestrel still drains the
/// rest of the body: the client, still uploading, reads the 413 instead of a reset connection.
/// </summary>
public sealed class BodySizeLimitStream(Stream inner, long limit) : Stream
{
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _total += read;
        return _total > limit ? throw ApiErrors.PayloadTooLarge(limit) : read;
    }
}
