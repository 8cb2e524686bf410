namespace DeepSeekOcr.Native.Multi;

/// <summary>
/// The events of a multi, in the order they happened, and how many items have not had their DONE taken yet.
/// </summary>
/// <remarks>
/// Producers are the items, on the runtime's I/O and thread-pool threads; takers are the caller's threads in
/// <c>ocr_multi_wait</c>. A lock and <see cref="Monitor"/> rather than a Channel: the count of pending items must change
/// in the same step as a DONE is taken, or a second waiter could see an item pending whose DONE another thread has
/// just taken and then wait forever. So concurrent waits are safe (each event goes to exactly one of them, and when the
/// last DONE is taken every other waiter wakes to "nothing pending"), although the ABI asks for one waiter at a time.
/// A waiter blocks its own thread (the caller's, never one of the runtime's), so no thread-pool thread is held.
/// </remarks>
internal sealed class CompletionQueue
{
    private readonly object _lock = new(); // an object, not a Lock: Monitor.Wait and Pulse need one
    private readonly Queue<MultiEvent> _events = new();
    private long _pending;
    private bool _closed;

    /// <summary>Items added whose DONE has not been taken.</summary>
    public long Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending;
            }
        }
    }

    /// <summary>Counts an item before anything can post its DONE.</summary>
    public void ItemAdded()
    {
        lock (_lock)
        {
            _pending++;
        }
    }

    public void Post(MultiEvent item)
    {
        lock (_lock)
        {
            _events.Enqueue(item);
            Monitor.Pulse(_lock);
        }
    }

    /// <summary>Takes the next event, waiting up to <paramref name="timeoutMs"/> (-1: no limit; 0: only look).</summary>
    public WaitOutcome Take(int timeoutMs, out MultiEvent? item)
    {
        long deadline = timeoutMs > 0 ? Environment.TickCount64 + timeoutMs : 0;
        lock (_lock)
        {
            while (true)
            {
                if (_closed)
                {
                    item = null;
                    return WaitOutcome.Closed;
                }

                if (_events.TryDequeue(out item))
                {
                    if (item.Kind == Client.OcrEventKind.Done && --_pending == 0)
                    {
                        Monitor.PulseAll(_lock); // other waiters: nothing more will come
                    }

                    return WaitOutcome.Event;
                }

                if (_pending == 0)
                {
                    return WaitOutcome.NothingPending;
                }

                long left = timeoutMs < 0 ? Timeout.Infinite : deadline - Environment.TickCount64;
                if (timeoutMs == 0 || (timeoutMs > 0 && left <= 0))
                {
                    return WaitOutcome.TimedOut;
                }

                Monitor.Wait(_lock, (int)left);
            }
        }
    }

    /// <summary>Drops every undelivered event and wakes every waiter: the multi is being freed.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _events.Clear();
            Monitor.PulseAll(_lock);
        }
    }
}
