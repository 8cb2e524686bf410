namespace DeepSeekOcr.Server.Ocr;

/// <summary>A request's place in the <see cref="RequestQueue"/>; given back once, on dispose.</summary>
public sealed class QueuePlace(RequestQueue queue) : IDisposable
{
    private int _left;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            queue.Leave();
        }
    }
}
