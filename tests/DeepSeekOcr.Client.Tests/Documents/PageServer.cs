using System.Text;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Documents;

/// <summary>
/// A loopback Chat Completions server that answers each request according to the page of <see cref="SamplePdf"/> it
/// carries, and counts how many requests it holds at once.
/// </summary>
internal sealed class PageServer : IAsyncDisposable
{
    private readonly RawHttpServer _server;
    private readonly Lock _lock = new();
    private readonly List<int> _pagesSeen = [];
    private int _inFlight;
    private int _maxInFlight;
    private int _answered;

    /// <param name="answer">What to answer for a page: an HTTP status and the text (for 200) or error message.</param>
    /// <param name="holdUntil">Called while a request is held, with its page and the server's counts; the answer goes
    /// out once it returns true. Null: answer at once.</param>
    public PageServer(Func<int, (int Status, string Text)> answer, Func<Held, bool>? holdUntil = null)
    {
        _server = new RawHttpServer(async (connection, stop) =>
        {
            int page = SamplePdf.PageIn(connection.RequestBody);
            lock (_lock)
            {
                _pagesSeen.Add(page);
                _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
            }

            try
            {
                while (holdUntil is not null && !Check(page, holdUntil))
                {
                    await Task.Delay(5, stop);
                }
            }
            finally
            {
                // Before the answer leaves: the client may send the next page as soon as it has it.
                lock (_lock)
                {
                    _inFlight--;
                }
            }

            var (status, text) = answer(page);
            string body = status == 200 ? Answers.Completion(text) : $$"""{"error":{"message":"{{text}}","type":"server_error"} }""";
            await connection.WriteAsync(RawHttpServer.Head(status, "application/json", Encoding.UTF8.GetByteCount(body)) + body, stop);
            Interlocked.Increment(ref _answered);
        });
    }

    public string BaseUrl => _server.BaseUrl;

    public int RequestCount => _server.RequestCount;

    public int MaxInFlight
    {
        get
        {
            lock (_lock)
            {
                return _maxInFlight;
            }
        }
    }

    public IReadOnlyList<int> PagesSeen
    {
        get
        {
            lock (_lock)
            {
                return [.. _pagesSeen];
            }
        }
    }

    private bool Check(int page, Func<Held, bool> holdUntil)
    {
        lock (_lock)
        {
            return holdUntil(new Held(page, _pagesSeen.Count, Volatile.Read(ref _answered), _inFlight));
        }
    }

    /// <summary>A held request's page, how many requests have arrived and been answered, and how many are held.</summary>
    public readonly record struct Held(int Page, int Seen, int Answered, int InFlight);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
