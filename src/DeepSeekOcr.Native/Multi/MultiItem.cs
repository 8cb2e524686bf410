using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Multi;

/// <summary>
/// One added request of an <see cref="OcrMulti"/>: queued until a slot is free, then run as a task on the runtime's
/// async I/O (no thread of its own: between reads it is only a continuation waiting for a socket), posting its DELTA
/// events and exactly one DONE to the multi's completion queue.
/// </summary>
internal sealed class MultiItem : IThreadPoolWorkItem
{
    private readonly OcrMulti _multi;
    private readonly OcrRequest _request;
    private readonly ulong _tag;
    private readonly bool _stream;
    private readonly CancellationToken _ownCancel;
    private readonly CancellationToken _multiCancel;

    /// <param name="ownCancel">The request's cancel token (<c>req->cancel</c>): cancels this item alone.</param>
    /// <param name="multiCancel">The multi's cancellation when the item was added: <c>ocr_multi_cancel</c> fires it.</param>
    public MultiItem(OcrMulti multi, OcrRequest request, ulong tag, bool stream, CancellationToken ownCancel, CancellationToken multiCancel)
    {
        _multi = multi;
        _request = request;
        _tag = tag;
        _stream = stream;
        _ownCancel = ownCancel;
        _multiCancel = multiCancel;
    }

    /// <summary>Starts the item on a thread-pool thread: the adding thread never runs a request's synchronous part.</summary>
    public void Execute() => _ = RunAsync();

    private async Task RunAsync()
    {
        MultiEvent done;
        CancellationTokenSource? both = null;
        try
        {
            // Cancelled while it waited for a slot: it ends at once, without a request.
            if (_ownCancel.IsCancellationRequested || _multiCancel.IsCancellationRequested)
            {
                throw new OcrException(OcrStatus.Cancelled, "the item was cancelled before it started");
            }

            var token = _multiCancel;
            if (_ownCancel.CanBeCanceled)
            {
                both = CancellationTokenSource.CreateLinkedTokenSource(_ownCancel, _multiCancel);
                token = both.Token;
            }

            done = _stream ? await StreamAsync(token).ConfigureAwait(false) : MultiEvent.Done(_tag, await _multi.Client.RecognizeAsync(_request, token).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            // The same mapping as every export's (Failures.Record): a foreseen failure as it is, anything else Internal.
            done = MultiEvent.Failed(_tag, OcrFailures.Unforeseen(e));
        }
        finally
        {
            both?.Dispose();
        }

        _multi.Finished(done);
    }

    private async Task<MultiEvent> StreamAsync(CancellationToken token)
    {
        using var stream = await _multi.Client.StreamAsync(_request, token).ConfigureAwait(false);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            // Copied: the stream reuses its buffer for the next piece, and the caller reads this one later.
            _multi.Post(MultiEvent.Delta(_tag, stream.CurrentWithNul));
        }

        return MultiEvent.Done(_tag, stream.Result);
    }
}
