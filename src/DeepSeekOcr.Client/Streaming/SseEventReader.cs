using System.Buffers;
using DeepSeekOcr.Client.Deadlines;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// Reads Server-Sent Events from a response stream and hands out each event's data, with buffers rented once per
/// stream so steady-state reading allocates nothing. Framing follows the WHATWG spec: LF, CRLF and CR line ends,
/// comments, multi-line <c>data:</c>, a leading BOM; a line longer than the limit fails instead of growing forever.
/// An event of one <c>data:</c> line (what chat completion servers send) is handed out where it lies in the read
/// buffer, without a copy; only an event of several lines, or one cut by a read, is joined in a second buffer.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
#if DEBUG
    // Small, to exercise the growth paths in tests.
    private const int AsyncBufferBytes = 16;
    private const int BlockingBufferBytes = 16;
#else
    // Reading asynchronously, many streams may be in flight at once (the multi interface): each holds little.
    private const int AsyncBufferBytes = 16 * 1024;

    // A blocking reader is one per calling thread, and each read that finds the socket empty costs a wake-up of the
    // runtime's socket thread and thread pool: large reads make those rare (bench/README.md, "Streaming through the C ABI against curl").
    private const int BlockingBufferBytes = 256 * 1024;
#endif

    private readonly Stream _stream;
    private readonly CallDeadlines _scope;
    private readonly int _maxLineBytes;
    private byte[] _buffer = []; // rented at the first read, its size chosen by how the stream is read
    private byte[] _data = []; // rented when an event must be joined or kept across a read
    private int _start;
    private int _end;
    private int _dataStart;
    private int _dataLength;
    private bool _dataInBuffer;
    private bool _hasData;
    private bool _atStreamStart = true;
    private bool _lastLineEndedWithCr;
    private bool _eof;

    public SseEventReader(Stream stream, CallDeadlines scope, int maxLineBytes)
    {
        _stream = stream;
        _scope = scope;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>The data of the event last read, its lines joined by LF. Valid until the next read.</summary>
    public ReadOnlySpan<byte> Data => _dataInBuffer ? _buffer.AsSpan(_dataStart, _dataLength) : _data.AsSpan(0, _dataLength);

    /// <summary>Reads up to the next event; false when the stream ended first.</summary>
    public async ValueTask<bool> ReadEventAsync()
    {
        BeginEvent();
        while (true)
        {
            if (TryFinishEvent(out bool read))
            {
                return read;
            }

            await FillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <see cref="ReadEventAsync"/> blocking the calling thread in the stream's own synchronous read, for a caller that
    /// blocks anyway (the C ABI): no thread pool hop per read. The caller's cancellation must close the stream to end
    /// a read that is waiting (<see cref="OcrStream"/> does).
    /// </summary>
    public bool ReadEvent()
    {
        BeginEvent();
        while (true)
        {
            if (TryFinishEvent(out bool read))
            {
                return read;
            }

            Fill();
        }
    }

    private void BeginEvent()
    {
        _dataLength = 0;
        _dataInBuffer = false;
        _hasData = false;
    }

    /// <summary>
    /// Goes on with the event from what is buffered; true when that decided it: <paramref name="read"/> is then
    /// true for an event, false for the end of the stream. False when more bytes are needed.
    /// </summary>
    private bool TryFinishEvent(out bool read)
    {
        read = true;
        while (TryTakeLine(out int lineStart, out int lineLength))
        {
            if (ProcessLine(lineStart, lineLength))
            {
                return true;
            }
        }

        if (!_eof)
        {
            return false;
        }

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

        read = _hasData;
        _hasData = false;
        return true;
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
            AppendData(lineStart + (lineLength - value.Length), value.Length);
        }

        // "event", "id" and "retry" do not matter to a chat completion stream; unknown fields are ignored by spec.
        return false;
    }

    /// <summary>Adds the value at <paramref name="valueStart"/> in the read buffer to the event's data.</summary>
    private void AppendData(int valueStart, int valueLength)
    {
        int needed = _dataLength + (_hasData ? 1 : 0) + valueLength;
        if (needed > _maxLineBytes)
        {
            throw new OcrException(OcrStatus.Protocol, $"an event of the response stream is longer than {_maxLineBytes} bytes");
        }

        if (!_hasData)
        {
            // Left where it is until the event ends, or until a read is about to move the buffer (KeepPendingData).
            _dataInBuffer = true;
            _dataStart = valueStart;
            _dataLength = valueLength;
            _hasData = true;
            return;
        }

        KeepPendingData();
        if (needed > _data.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _data.Length * 2));
            _data.AsSpan(0, _dataLength).CopyTo(larger);
            Return(_data);
            _data = larger;
        }

        _data[_dataLength++] = (byte)'\n';
        _buffer.AsSpan(valueStart, valueLength).CopyTo(_data.AsSpan(_dataLength));
        _dataLength += valueLength;
    }

    /// <summary>Copies data still in the read buffer to the data buffer: the read buffer is about to move or be reused.</summary>
    private void KeepPendingData()
    {
        if (!_dataInBuffer)
        {
            return;
        }

        if (_dataLength > _data.Length)
        {
            Return(_data);
            _data = ArrayPool<byte>.Shared.Rent(_dataLength);
        }

        _buffer.AsSpan(_dataStart, _dataLength).CopyTo(_data);
        _dataInBuffer = false;
    }

    /// <summary>Makes room at the end of the read buffer; returns where the next read goes.</summary>
    private Memory<byte> PrepareFill(int firstBufferBytes)
    {
        if (_buffer.Length == 0)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(firstBufferBytes);
        }

        int pending = _end - _start;
        if (pending >= _maxLineBytes)
        {
            throw new OcrException(OcrStatus.Protocol, $"a line of the response stream is longer than {_maxLineBytes} bytes");
        }

        KeepPendingData();
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

        return _buffer.AsMemory(_end);
    }

    private async ValueTask FillAsync()
    {
        var into = PrepareFill(AsyncBufferBytes);
        _scope.ArmIdleWatchdog();
        int read = await _stream.ReadAsync(into, _scope.Token).ConfigureAwait(false);
        _scope.DisarmIdleWatchdog();
        EndFill(read);
    }

    private void Fill()
    {
        var into = PrepareFill(BlockingBufferBytes);
        _scope.Token.ThrowIfCancellationRequested();
        _scope.ArmIdleWatchdog();
        int read = _stream.Read(into.Span);
        _scope.DisarmIdleWatchdog();
        if (read == 0)
        {
            // A response closed by a deadline or a cancellation may end the read as if the stream had ended.
            _scope.Token.ThrowIfCancellationRequested();
        }

        EndFill(read);
    }

    private void EndFill(int read)
    {
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
    }

    public void Dispose()
    {
        Return(_buffer);
        Return(_data);
        _buffer = _data = [];
    }

    private static void Return(byte[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
