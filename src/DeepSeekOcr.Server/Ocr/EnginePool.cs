using System.Collections.Concurrent;
using System.Diagnostics;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// A fixed number of Tesseract instances shared by all requests: up to that many images are recognised in
/// parallel, the rest wait (cancellably) for a free instance. Instances are created on first need and kept.
/// </summary>
public sealed class EnginePool : IDisposable
{
    private readonly Func<TesseractEngine> _createEngine;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<TesseractEngine> _idle = [];

    /// <summary>Exponential moving average of the time a page takes on an engine, in ticks (a guess until measured).</summary>
    private long _averagePageTicks = TimeSpan.FromSeconds(1).Ticks;

    public EnginePool(int size, Func<TesseractEngine> createEngine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _createEngine = createEngine;
        _slots = new SemaphoreSlim(size, size);
        Size = size;
    }

    public int Size { get; }

    /// <summary>How long a page has recently taken to read, once it has an engine.</summary>
    public TimeSpan AveragePageTime => TimeSpan.FromTicks(Interlocked.Read(ref _averagePageTicks));

    /// <summary>Creates the first instance now, so a missing library or language file stops the server at startup.</summary>
    public void WarmUp() => _idle.Add(_createEngine());

    /// <summary>
    /// Recognises the image on a free engine, on a pool thread so the caller can stream the blocks
    /// <paramref name="onBlock"/> receives (on that thread) while the rest of the page is read.
    /// </summary>
    public async Task<OcrPage> RecognizeAsync(
        DecodedImage image, Action<PageLayout, OcrBlock>? onBlock = null, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = _idle.TryTake(out var free) ? free : _createEngine();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var page = await Task.Run(() => engine.Recognize(image, onBlock, cancellationToken), CancellationToken.None).ConfigureAwait(false);
                Record(Stopwatch.GetElapsedTime(started));
                return page;
            }
            finally
            {
                _idle.Add(engine);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Weighs the newest page 1/8: quick to follow a change of load, steady against one odd page.</summary>
    private void Record(TimeSpan pageTime)
    {
        long seen, updated;
        do
        {
            seen = Interlocked.Read(ref _averagePageTicks);
            updated = seen + ((pageTime.Ticks - seen) / 8);
        }
        while (Interlocked.CompareExchange(ref _averagePageTicks, updated, seen) != seen);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }

        _slots.Dispose();
    }
}
