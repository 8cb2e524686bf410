using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for the end-to-end benchmarks: keep-alive, one thread per connection,
/// fixed buffers and pre-encoded answers, so that it allocates nothing per request and the clients' allocations
/// are what the memory diagnoser sees. It reads each request body whole (the client must send all of it) and
/// answers a whole chat.completion, or the canned SSE body when the request asks for <c>"stream":true</c>.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private const int BufferBytes = 64 * 1024;
    private const int MaxHeaderBytes = 16 * 1024;

    // The flag may be split between two reads: this many bytes of one read are kept to search the seam.
    private const int SeamBytes = 12;

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> StreamFlag => "\"stream\":true"u8;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _completionAnswer;
    private readonly byte[] _streamAnswer;
    private long _requests;
    private long _bodyBytes;
    private volatile bool _stopped;

    public LoopbackServer(byte[] completionJson, byte[] sseBody)
    {
        _completionAnswer = Answer("application/json", completionJson);
        _streamAnswer = Answer("text/event-stream", sseBody);
        _listener.Start();
        new Thread(AcceptLoop) { IsBackground = true, Name = "loopback-accept" }.Start();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Request body bytes received so far.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    private static byte[] Answer(string contentType, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: keep-alive\r\n\r\n"), .. body];

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (SocketException) when (_stopped)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            new Thread(() => Serve(socket)) { IsBackground = true, Name = "loopback-connection" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        var buffer = new byte[BufferBytes];
        var tail = new byte[SeamBytes];
        var seamBuffer = new byte[2 * SeamBytes];
        int start = 0;
        int end = 0;
        try
        {
            while (!_stopped)
            {
                // Headers: read until the blank line.
                int headerEnd;
                while ((headerEnd = buffer.AsSpan(start, end - start).IndexOf(HeaderEnd)) < 0)
                {
                    if (end - start >= MaxHeaderBytes)
                    {
                        throw new InvalidDataException("request headers longer than 16 KiB");
                    }

                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }

                    int read = socket.Receive(buffer.AsSpan(end));
                    if (read == 0)
                    {
                        return; // the client closed its idle connection
                    }

                    end += read;
                }

                long contentLength = ContentLength(buffer.AsSpan(start, headerEnd));
                start += headerEnd + HeaderEnd.Length;

                // Body: consume exactly Content-Length bytes, looking for the stream flag also where two reads meet.
                bool stream = false;
                long remaining = contentLength;
                int tailLength = 0;
                while (remaining > 0)
                {
                    if (start == end)
                    {
                        start = end = 0;
                        int read = socket.Receive(buffer);
                        if (read == 0)
                        {
                            return;
                        }

                        end = read;
                    }

                    var segment = buffer.AsSpan(start, (int)Math.Min(remaining, end - start));
                    if (!stream)
                    {
                        var seam = seamBuffer.AsSpan();
                        tail.AsSpan(0, tailLength).CopyTo(seam);
                        int head = Math.Min(segment.Length, SeamBytes);
                        segment[..head].CopyTo(seam[tailLength..]);
                        seam = seam[..(tailLength + head)];
                        stream = seam.IndexOf(StreamFlag) >= 0 || segment.IndexOf(StreamFlag) >= 0;
                        var last = segment.Length >= SeamBytes ? segment[^SeamBytes..] : seam[^Math.Min(SeamBytes, seam.Length)..];
                        last.CopyTo(tail);
                        tailLength = last.Length;
                    }

                    remaining -= segment.Length;
                    start += segment.Length;
                }

                Interlocked.Add(ref _bodyBytes, contentLength);
                Interlocked.Increment(ref _requests);
                socket.Send(stream ? _streamAnswer : _completionAnswer);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidDataException)
        {
            // The client went away or sent what this server does not take: that connection is done, the server goes
            // on, and the client's benchmark fails on the broken request, naming it.
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>The Content-Length header's value; a body without one (chunked) is refused, as the benchmark's clients never send it.</summary>
    private static long ContentLength(ReadOnlySpan<byte> headers)
    {
        var name = "\r\ncontent-length:"u8;
        for (int i = 0; i + name.Length <= headers.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(headers.Slice(i, name.Length), name))
            {
                var value = headers[(i + name.Length)..];
                int lineEnd = value.IndexOf("\r\n"u8);
                value = value[..(lineEnd < 0 ? value.Length : lineEnd)].Trim((byte)' ');
                return System.Buffers.Text.Utf8Parser.TryParse(value, out long length, out _) ? length : throw new InvalidDataException("bad Content-Length");
            }
        }

        return 0;
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
    }
}
