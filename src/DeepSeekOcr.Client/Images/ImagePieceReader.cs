namespace DeepSeekOcr.Client.Images;

/// <summary>Reads an image's bytes in order, one exactly-sized piece at a time.</summary>
internal abstract class ImagePieceReader : IAsyncDisposable
{
    /// <summary>
    /// The next <c>buffer.Length</c> bytes: read into <paramref name="buffer"/>, or a slice of the source itself when
    /// it is already in memory (no copy). Throws if the image ends first.
    /// </summary>
    public abstract ValueTask<ReadOnlyMemory<byte>> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
