using DeepSeekOcr.Client.Deadlines;
using DeepSeekOcr.Client.Grounding;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Streaming;

namespace DeepSeekOcr.Client;

/// <summary>
/// A streamed answer being read: each <see cref="MoveNextAsync"/> waits for the next non-empty piece of text, which
/// <see cref="Current"/> then holds as UTF-8 (followed by a NUL byte, for the C ABI); reading allocates nothing per
/// event (see <see cref="ChunkReader"/>). Once it returns false the whole answer is in <see cref="Result"/>.
/// Dispose it to stop reading; the connection is then closed.
/// </summary>
public sealed class OcrStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly ResponseOrigin _origin;
    private readonly SseEventReader _events;
    private readonly CallDeadlines _scope;
    private readonly SecretRedactor _redactor;
    private readonly StreamAccumulator _answer = new();
    private readonly ChunkReader _chunks = new();
    private readonly GroundingContext _grounding;
    private CancellationTokenRegistration? _abortOnCancel;
    private bool _done;
    private bool _disposed;

    internal OcrStream(HttpResponseMessage response, Stream body, CallDeadlines scope, SecretRedactor redactor, int maxLineBytes, GroundingContext grounding = default)
    {
        _grounding = grounding;
        _response = response;
        _origin = ResponseOrigin.Of(response);
        _scope = scope;
        _redactor = redactor;
        _events = new SseEventReader(body, scope, maxLineBytes);
    }

    /// <summary>The piece of text last read, as UTF-8 without the NUL that follows it.</summary>
    public ReadOnlyMemory<byte> Current => _answer.Delta;

    /// <summary>The piece last read followed by a NUL byte: what the C callback receives.</summary>
    internal ReadOnlySpan<byte> CurrentWithNul => _answer.DeltaWithNul;

    /// <summary>The whole answer, once <see cref="MoveNextAsync"/> has returned false (a copy: it outlives the stream).</summary>
    public OcrResult Result => _done
        ? _grounding.Apply(_answer.ToResult(_origin.HttpStatus))
        : throw new InvalidOperationException("the stream has not been read to its end");

    public async ValueTask<bool> MoveNextAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            while (!_done)
            {
                if (TryTakeEvent(await _events.ReadEventAsync().ConfigureAwait(false)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or OcrException)
        {
            throw Failure(e);
        }
    }

    /// <summary>
    /// <see cref="MoveNextAsync"/> for a caller that blocks its thread anyway (the C ABI's <c>ocr_stream</c>): reads
    /// with the response stream's synchronous read on this thread, so no read hops to the thread pool and back. The
    /// call's deadlines and cancellation close the response to end a read that is waiting.
    /// </summary>
    internal bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _abortOnCancel ??= _scope.Token.UnsafeRegister(static state => ((OcrStream)state!)._response.Dispose(), this);
        try
        {
            while (!_done)
            {
                if (TryTakeEvent(_events.ReadEvent()))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or OcrException
                                  || (e is ObjectDisposedException && _scope.IsCancellationRequested))
        {
            throw Failure(e);
        }
    }

    /// <summary>Takes in the event just read; true when it handed out a piece of text.</summary>
    private bool TryTakeEvent(bool read)
    {
        if (!read)
        {
            // A deadline or a cancellation closes the response to end a blocking read, which then reads as the end.
            throw _scope.IsCancellationRequested
                ? _scope.Explain(new OperationCanceledException(_scope.Token))
                : _origin.Failure(OcrStatus.Protocol, "the response stream ended before [DONE]: the answer is incomplete");
        }

        if (_events.Data.SequenceEqual(ChunkDeserializer.DoneMarker))
        {
            _done = true;
            return false;
        }

        if (_chunks.Read(_events.Data, _answer, _origin))
        {
            _answer.CommitDelta();
            return true;
        }

        return false;
    }

    private OcrException Failure(Exception e) => _redactor.Redact(e switch
    {
        OcrException failure => failure,
        // A fired deadline or cancellation: the scope says which (a synchronous read ends with the closed stream's error).
        _ when e is OperationCanceledException || _scope.IsCancellationRequested => _scope.Explain(e),
        _ => OcrFailures.ConnectionBroke(_origin, e),
    });

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _abortOnCancel?.Dispose();
        _events.Dispose();
        _response.Dispose();
        _scope.Dispose();
        _answer.Dispose();
        _chunks.Dispose();
    }
}
