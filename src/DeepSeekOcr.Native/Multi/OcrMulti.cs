using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Multi;

/// <summary>
/// An <c>ocr_multi</c>: many requests in flight from one thread. <see cref="Add"/> queues an item, at most
/// <see cref="MaxInFlight"/> items run at once on the runtime's async I/O, and <see cref="Wait"/> hands their events,
/// from a <see cref="CompletionQueue"/>, to the caller's thread. No caller code ever runs on a library thread.
/// </summary>
/// <remarks>
/// Threads: <see cref="Add"/>, <see cref="CancelAll"/> and <see cref="Pending"/> are safe from any thread at any time
/// (one lock guards the slots and the queue of items waiting for one, and is never held while a request runs).
/// <see cref="Wait"/> is meant for one thread at a time, as the ABI says, and is safe from several anyway: each event
/// goes to exactly one waiter, and what an event points into stays alive until that same thread's next wait (kept per
/// thread in <see cref="_delivered"/>). <see cref="Close"/> (ocr_multi_free) must be the last call, as for every free
/// function; a wait still running then returns instead of hanging.
/// </remarks>
internal sealed unsafe class OcrMulti
{
    public const int DefaultMaxInFlight = 16;
    public const int MostInFlight = 1024;

    private readonly object _lock = new(); // guards _waiting, _running, _closed, _cancelAll, _delivered
    private readonly Queue<MultiItem> _waiting = new();
    private readonly CompletionQueue _completions = new();
    private readonly Dictionary<int, DeliveredEvent> _delivered = [];
    private CancellationTokenSource _cancelAll = new();
    private int _running;
    private bool _closed;

    private OcrMulti(OcrClient client, int maxInFlight)
    {
        Client = client;
        MaxInFlight = maxInFlight;
    }

    public OcrClient Client { get; }

    public int MaxInFlight { get; }

    public long Pending => _completions.Pending;

    public static OcrMulti Create(OcrClient client, int maxInFlight) => maxInFlight switch
    {
        0 => new OcrMulti(client, DefaultMaxInFlight),
        > 0 and <= MostInFlight => new OcrMulti(client, maxInFlight),
        _ => throw new OcrException(OcrStatus.InvalidArgument, $"max_in_flight is {maxInFlight}: pass 1 to {MostInFlight}, or 0 for {DefaultMaxInFlight}"),
    };

    /// <summary>
    /// Queues a request (<paramref name="request"/> is null when it could not be read: its DONE is then
    /// <paramref name="unreadable"/>, posted at once). Never blocks on I/O: an item that gets a slot starts on a
    /// thread-pool thread.
    /// </summary>
    public void Add(OcrRequest? request, OcrException? unreadable, ulong tag, bool stream, CancellationToken ownCancel)
    {
        MultiItem? start = null;
        lock (_lock)
        {
            if (_closed)
            {
                throw new OcrException(OcrStatus.InvalidArgument, "multi is being freed");
            }

            _completions.ItemAdded();
            if (request is not null)
            {
                var item = new MultiItem(this, request, tag, stream, ownCancel, _cancelAll.Token);
                if (_running < MaxInFlight)
                {
                    _running++;
                    start = item;
                }
                else
                {
                    _waiting.Enqueue(item);
                }
            }
        }

        if (unreadable is not null)
        {
            _completions.Post(MultiEvent.Failed(tag, unreadable));
        }

        if (start is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(start, preferLocal: false);
        }
    }

    /// <summary>Fills the caller's event with the next one: see <c>ocr_multi_wait</c>.</summary>
    public OcrStatus Wait(int timeoutMs, NativeEvent* target, nuint structSize)
    {
        switch (_completions.Take(timeoutMs, out var item))
        {
            case WaitOutcome.TimedOut:
                return Failures.Record(OcrStatus.Timeout, $"no event within {timeoutMs} ms (timeout_ms)");
            case WaitOutcome.NothingPending:
                return Failures.Record(OcrStatus.InvalidArgument, "no item is pending: every added item's OCR_EVENT_DONE has been delivered");
            case WaitOutcome.Closed:
                return Failures.Record(OcrStatus.InvalidArgument, "multi was freed while ocr_multi_wait ran");
        }

        var delivered = DeliveredEvent.Write(item!, target, structSize);
        lock (_lock)
        {
            // Replaces (and so releases) what this thread's previous event pointed into.
            _delivered[Environment.CurrentManagedThreadId] = delivered;
        }

        return OcrStatus.Ok;
    }

    /// <summary>
    /// Cancels every item added so far, running or waiting for a slot; each still posts its DONE (Cancelled, unless it
    /// had already ended). Items added later get a fresh cancellation and run normally.
    /// </summary>
    public void CancelAll()
    {
        CancellationTokenSource fired;
        lock (_lock)
        {
            fired = _cancelAll;
            _cancelAll = new CancellationTokenSource();
        }

        // Not disposed: items that have not started yet still read its token. It holds no timer, so the GC reclaims it.
        fired.Cancel();
    }

    /// <summary>
    /// ocr_multi_free: drops the items that have not started, cancels the running ones and waits until they have
    /// stopped (their continuations run on the runtime's threads, never this one, so this cannot deadlock), then drops
    /// every undelivered event. Nothing of an undelivered event is native memory, so dropping it frees it.
    /// </summary>
    public void Close()
    {
        CancellationTokenSource running;
        lock (_lock)
        {
            _closed = true;
            _waiting.Clear();
            running = _cancelAll;
        }

        running.Cancel();
        lock (_lock)
        {
            while (_running > 0)
            {
                Monitor.Wait(_lock);
            }

            _delivered.Clear();
        }

        _completions.Close();
        running.Dispose();
    }

    /// <summary>A running item's DELTA.</summary>
    internal void Post(MultiEvent item) => _completions.Post(item);

    /// <summary>A running item's DONE: its slot goes to the next waiting item, if any.</summary>
    internal void Finished(MultiEvent done)
    {
        _completions.Post(done);
        MultiItem? next;
        lock (_lock)
        {
            if (_waiting.TryDequeue(out next))
            {
                // The slot passes on: _running is unchanged.
            }
            else if (--_running == 0)
            {
                Monitor.PulseAll(_lock); // Close may be waiting
            }
        }

        if (next is not null)
        {
            // Queued, not run here: an item that fails at once would otherwise start the next one on this stack.
            ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
        }
    }
}
