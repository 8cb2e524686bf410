using System.Buffers;
using System.Text;
using DeepSeekOcr.Client.Calls;
using DeepSeekOcr.Client.Streaming;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client;

/// <summary>
/// A streamed answer being read: each <see cref="MoveNextAsync"/> waits for the next non-empty piece of text, which
/// <see cref="Current"/> then holds as UTF-8 (followed by a NUL byte, for the C ABI). Once it returns false the whole
/// answer is in <see cref="Result"/>. Dispose it to stop reading; the connection is then closed.
/// </summary>
public sealed class OcrStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly SseEventReader _events;
    private readonly CallScope _scope;
    private readonly SecretRedactor _redactor;
    private readonly ArrayBufferWriter<byte> _text = new();
    private byte[] _delta = ArrayPool<byte>.Shared.Rent(256);
    private int _deltaLength;
    private string _finishReason = "";
    private string _id = "";
    private string _model = "";
    private long _created;
    private OcrUsage _usage;
    private bool _done;
    private bool _disposed;

    internal OcrStream(HttpResponseMessage response, Stream body, CallScope scope, SecretRedactor redactor, int maxLineBytes)
    {
        _response = response;
        _scope = scope;
        _redactor = redactor;
        _events = new SseEventReader(body, scope, maxLineBytes);
    }

    /// <summary>The piece of text last read, as UTF-8 without the NUL that follows it.</summary>
    public ReadOnlyMemory<byte> Current => _delta.AsMemory(0, _deltaLength);

    /// <summary>The piece last read followed by a NUL byte: what the C callback receives.</summary>
    internal ReadOnlySpan<byte> CurrentWithNul => _delta.AsSpan(0, _deltaLength + 1);

    public OcrResult Result => _done
        ? new OcrResult
        {
            TextUtf8 = _text.WrittenMemory,
            FinishReason = _finishReason,
            Id = _id,
            Model = _model,
            Created = _created,
            Usage = _usage,
            HttpStatus = (int)_response.StatusCode,
        }
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
                    throw new OcrException(OcrStatus.Protocol, "the response stream ended before [DONE]: the answer is incomplete", (int)_response.StatusCode);
                }

                if (_events.Data.SequenceEqual(ChunkParser.DoneMarker))
                {
                    _done = true;
                    break;
                }

                if (Apply(ChunkParser.Parse(_events.Data)))
                {
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
            throw _redactor.Redact(new OcrException(OcrStatus.Network, $"the connection broke while the answer was arriving: {e.Message}", innerException: e));
        }
        catch (OcrException e)
        {
            throw _redactor.Redact(e);
        }
    }

    /// <summary>Takes one chunk in; true when it carried text.</summary>
    private bool Apply(ChatCompletionChunk chunk)
    {
        if (chunk.Error is { } error)
        {
            // vLLM reports a failure mid-stream this way, on an HTTP 200.
            throw new OcrException(OcrStatus.Server, $"the server reported an error mid-stream: {error.Message ?? error.Type ?? "(no message)"}", (int)_response.StatusCode);
        }

        _id = chunk.Id ?? _id;
        _model = chunk.Model ?? _model;
        _created = chunk.Created != 0 ? chunk.Created : _created;
        if (chunk.Usage is { } usage)
        {
            _usage = new OcrUsage(usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens);
        }

        if (chunk.Choices is not [var choice, ..])
        {
            return false;
        }

        _finishReason = choice.FinishReason ?? _finishReason;
        string? content = choice.Delta?.Content;
        if (string.IsNullOrEmpty(content))
        {
            return false;
        }

        SetDelta(content);
        return true;
    }

    private void SetDelta(string content)
    {
        int max = Encoding.UTF8.GetMaxByteCount(content.Length) + 1;
        if (_delta.Length < max)
        {
            ArrayPool<byte>.Shared.Return(_delta);
            _delta = ArrayPool<byte>.Shared.Rent(max);
        }

        _deltaLength = Encoding.UTF8.GetBytes(content, _delta);
        _delta[_deltaLength] = 0;
        _text.Write(_delta.AsSpan(0, _deltaLength));
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
        ArrayPool<byte>.Shared.Return(_delta);
        _delta = [];
    }
}
