using DeepSeekOcr.Client.Calls;
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
    private readonly CallScope _scope;
    private readonly SecretRedactor _redactor;
    private readonly StreamAccumulator _answer = new();
    private readonly ChunkReader _chunks = new();
    private readonly GroundingContext _grounding;
    private bool _done;
    private bool _disposed;

    internal OcrStream(HttpResponseMessage response, Stream body, CallScope scope, SecretRedactor redactor, int maxLineBytes, GroundingContext grounding = default)
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
                if (!await _events.ReadEventAsync().ConfigureAwait(false))
                {
                    throw _origin.Failure(OcrStatus.Protocol, "the response stream ended before [DONE]: the answer is incomplete");
                }

                if (_events.Data.SequenceEqual(ChunkParser.DoneMarker))
                {
                    _done = true;
                    break;
                }

                if (_chunks.Read(_events.Data, _answer, _origin))
                {
                    _answer.CommitDelta();
                    return true;
                }
            }

            return false;
        }
        catch (OperationCanceledException e)
        {
            throw _redactor.Redact(_scope.Explain(e));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw _redactor.Redact(OcrFailures.ConnectionBroke(_origin, e));
        }
        catch (OcrException e)
        {
            throw _redactor.Redact(e);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _events.Dispose();
        _response.Dispose();
        _scope.Dispose();
        _answer.Dispose();
        _chunks.Dispose();
    }
}
