namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// Bounds the requests in the server's hands, from the moment their image is loaded until their answer is written:
/// as many as there are engines plus <c>maxWaiting</c>. Past that a request is refused at once (429 with
/// Retry-After) instead of waiting without end; OpenAI clients retry such answers after the time it names.
/// </summary>
public sealed class RequestQueue(EnginePool engines, int maxWaiting)
{
    private const int LongestRetryAfterSeconds = 60;

    private int _admitted;

    public int Capacity { get; } = engines.Size + maxWaiting;

    /// <summary>A place in the queue, to dispose when the answer is done; null if the queue is full.</summary>
    public QueuePlace? TryEnter()
    {
        if (Interlocked.Increment(ref _admitted) > Capacity)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }

        return new QueuePlace(this);
    }

    /// <summary>
    /// Whole seconds until the requests now waiting have been read at the recent pace: a client that retries then
    /// is likely to find a place. At least 1, at most 60.
    /// </summary>
    public int RetryAfterSeconds()
    {
        var waiting = Math.Max(1, Volatile.Read(ref _admitted) - engines.Size);
        var seconds = Math.Ceiling(engines.AveragePageTime.TotalSeconds * waiting / engines.Size);
        return (int)Math.Clamp(seconds, 1, LongestRetryAfterSeconds);
    }

    internal void Leave() => Interlocked.Decrement(ref _admitted);
}
