using System.Collections.Concurrent;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// A fixed number of Tesseract instances shared by all requests: up to that many images are recognised in
/// parallel, the rest wait (cancellably) for a free instance. Instances are created on first need and kept.
/// </summary>
public sealed class EnginePool : IDisposable
{
    private readonly Func<TesseractEngine> createEngine;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentBag<TesseractEngine> idle = [];

    public EnginePool(int size, Func<TesseractEngine> createEngine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        this.createEngine = createEngine;
        slots = new SemaphoreSlim(size, size);
        Size = size;
    }

    public int Size { get; }

    /// <summary>Creates the first instance now, so a missing library or language file stops the server at startup.</summary>
    public void WarmUp() => idle.Add(createEngine());

    /// <summary>
    /// Recognises the image on a free engine, on a pool thread so the caller can stream the blocks
    /// <paramref name="onBlock"/> receives (on that thread) while the rest of the page is read.
    /// </summary>
    public async Task<OcrPage> RecognizeAsync(
        DecodedImage image, Action<PageLayout, OcrBlock>? onBlock = null, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = idle.TryTake(out var free) ? free : createEngine();
            try
            {
                return await Task.Run(() => engine.Recognize(image, onBlock, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                idle.Add(engine);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose()
    {
        while (idle.TryTake(out var engine))
        {
            engine.Dispose();
        }

        slots.Dispose();
    }
}
