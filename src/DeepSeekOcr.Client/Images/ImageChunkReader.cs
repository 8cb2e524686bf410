namespace DeepSeekOcr.Client.Images;

/// <summary>Reads an image's bytes in order, one exactly-sized piece at a time.</summary>
internal abstract class ImageChunkReader : IAsyncDisposable
{
    /// <summary>Fills all of <paramref name="buffer"/>, or throws if the image ends first.</summary>
    public abstract ValueTask FillAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
