using System.Buffers;
using DeepSeekOcr.Client.Calls;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// Reads Server-Sent Events from a response stream and hands out each event's data, with buffers rented once per
/// stream so steady-state reading allocates nothing. Framing follows the WHATWG spec: LF, CRLF and CR line ends,
/// comments, multi-line <c>data:</c>, a leading BOM; a line longer than the limit fails instead of growing forever.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
#if DEBUG
    private const int InitialBufferBytes = 16; // small, to exercise the growth paths in tests
#else
    private const int InitialBufferBytes = 16 * 1024;
#endif

    private readonly Stream _stream;
    private readonly CallScope _scope;
    private readonly int _maxLineBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private byte[] _data = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;
    private int _dataLength;
    private bool _hasData;
    private bool _atStreamStart = true;
    private bool _lastLineEndedWithCr;
    private bool _eof;

    public SseEventReader(Stream stream, CallScope scope, int maxLineBytes)
    {
        _stream = stream;
        _scope = scope;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>The data of the event last read, its lines joined by LF. Valid until the next read.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _dataLength);

    /// <summary>Reads up to the next event; false when the stream ended first.</summary>
    public async ValueTask<bool> ReadEventAsync()
    {
        _dataLength = 0;
        _hasData = false;
        while (true)
        {
            while (TryTakeLine(out int lineStart, out int lineLength))
            {
                if (ProcessLine(lineStart, lineLength))
                {
                    return true;
                }
            }

            if (_eof)
            {
                // Spec: an event not ended by a blank line is discarded at end of stream. Servers that close right
                // after "data: [DONE]" do exist, so a pending event is still handed out.
                if (_start < _end)
                {
                    int length = _end - _start;
                    _start = _end;
                    if (ProcessLine(_end - length, length))
                    {
                        return true;
                    }
                }

                if (_hasData)
                {
                    _hasData = false;
                    return true;
                }

                return false;
            }

            await FillAsync().ConfigureAwait(false);
        }
    }

    private bool TryTakeLine(out int lineStart, out int lineLength)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        if (_atStreamStart)
        {
            // Spec: one leading U+FEFF BOM is ignored; its three bytes may arrive in separate reads.
            var bom = "\uFEFF"u8;
            int seen = Math.Min(pending.Length, bom.Length);
            if (!_eof && seen < bom.Length && pending.SequenceEqual(bom[..seen]))
            {
                lineStart = lineLength = 0;
                return false;
            }

            _atStreamStart = false;
            if (pending.StartsWith(bom))
            {
                _start += bom.Length;
                pending = pending[bom.Length..];
            }
        }

        if (_lastLineEndedWithCr && pending.Length > 0)
        {
            // Spec: CRLF is one line end, even when the LF arrives in a later read.
            _lastLineEndedWithCr = false;
            if (pending[0] == (byte)'\n')
            {
                _start++;
                pending = pending[1..];
            }
        }

        int at = pending.IndexOfAny((byte)'\r', (byte)'\n');
        if (at < 0)
        {
            lineStart = lineLength = 0;
            return false;
        }

        lineStart = _start;
        lineLength = at;
        _start += at + 1;
        if (pending[at] == (byte)'\r')
        {
            if (at + 1 < pending.Length)
            {
                if (pending[at + 1] == (byte)'\n')
                {
                    _start++;
                }
            }
            else
            {
                _lastLineEndedWithCr = true;
            }
        }

        return true;
    }

    /// <summary>Applies one line; true when it completed an event.</summary>
    private bool ProcessLine(int lineStart, int lineLength)
    {
        var line = _buffer.AsSpan(lineStart, lineLength);
        if (line.IsEmpty)
        {
            // Spec: "If the line is empty (a blank line): dispatch the event."
            return _hasData;
        }

        if (line[0] == (byte)':')
        {
            return false; // a comment, e.g. ": keep-alive"
        }

        int colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            AppendData(value);
        }

        // "event", "id" and "retry" do not matter to a chat completion stream; unknown fields are ignored by spec.
        return false;
    }

    private void AppendData(ReadOnlySpan<byte> value)
    {
        int needed = _dataLength + (_hasData ? 1 : 0) + value.Length;
        if (needed > _maxLineBytes)
        {
            throw new OcrException(OcrStatus.Protocol, $"an event of the response stream is longer than {_maxLineBytes} bytes");
        }

        if (needed > _data.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _data.Length * 2));
            _data.AsSpan(0, _dataLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = larger;
        }

        if (_hasData)
        {
            _data[_dataLength++] = (byte)'\n';
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _hasData = true;
    }

    private async ValueTask FillAsync()
    {
        int pending = _end - _start;
        if (pending >= _maxLineBytes)
        {
            throw new OcrException(OcrStatus.Protocol, $"a line of the response stream is longer than {_maxLineBytes} bytes");
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        _scope.ArmIdleWatchdog();
        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), _scope.Token).ConfigureAwait(false);
        _scope.DisarmIdleWatchdog();
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_data);
        _buffer = _data = [];
    }
}
