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

    public async Task<OcrPage> RecognizeAsync(DecodedImage image, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = idle.TryTake(out var free) ? free : createEngine();
            try
            {
                return engine.Recognize(image);
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
