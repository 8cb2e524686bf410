using System.Text;
using DeepSeekOcr.Client.Deadlines;
using DeepSeekOcr.Client.Streaming;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Streaming;

/// <summary>
/// The SSE framing alone, as a cross product: line endings x read sizes (one byte at a time up to whole), every
/// input against the events it must give. Splits fall inside CRLF pairs, the BOM and multi-byte characters.
/// </summary>
public sealed class SseEventReaderTests
{
    private static readonly string[] LineEnds = ["\n", "\r\n", "\r"];
    private static readonly int[] ReadSizes = [1, 2, 3, 5, 16, 17, 4096];

    /// <summary>SSE text with "⏎" for the line end under test, and the data of the events it holds.</summary>
    private static readonly (string Name, string Sse, string[] Events)[] Cases =
    [
        ("one event", "data: hello⏎⏎", ["hello"]),
        ("no space after colon", "data:hello⏎⏎", ["hello"]),
        ("only one space stripped", "data:  two⏎⏎", [" two"]),
        ("two events", "data: a⏎⏎data: b⏎⏎", ["a", "b"]),
        ("multi-line data", "data: line1⏎data: line2⏎data: line3⏎⏎", ["line1\nline2\nline3"]),
        ("comments", ": keep-alive⏎⏎data: x⏎: inside⏎⏎:⏎⏎", ["x"]),
        ("other fields", "event: message⏎id: 7⏎retry: 100⏎data: x⏎custom: y⏎⏎", ["x"]),
        ("blank lines between", "⏎⏎⏎data: x⏎⏎⏎⏎data: y⏎⏎", ["x", "y"]),
        ("leading BOM", "\uFEFFdata: x⏎⏎", ["x"]),
        ("only the first BOM skipped", "\uFEFF\uFEFFdata: x⏎⏎data: y⏎⏎", ["y"]),
        ("last event without blank line", "data: a⏎⏎data: [DONE]⏎", ["a", "[DONE]"]),
        ("last line without line end", "data: a⏎⏎data: [DONE]", ["a", "[DONE]"]),
        ("non-ASCII", "data: Straße 日本語 😀⏎⏎", ["Straße 日本語 😀"]),
        ("colon in value", "data: {\"a\":\"b:c\"}⏎⏎", ["{\"a\":\"b:c\"}"]),
        ("field without colon ignored", "dataless⏎data: x⏎⏎", ["x"]),
        ("nothing", "", []),
        ("only comments", ": a⏎: b⏎", []),
    ];

    private static IEnumerable<TestCaseData> Matrix() =>
        from c in Cases
        from lineEnd in LineEnds
        from readSize in ReadSizes
        select new TestCaseData(c.Sse.Replace("⏎", lineEnd, StringComparison.Ordinal), readSize, c.Events)
            .SetArgDisplayNames(c.Name, Visible(lineEnd), $"{readSize}B");

    [TestCaseSource(nameof(Matrix))]
    public async Task ReadEventAsync_AnySplitAndLineEnd_GivesTheSameEvents(string sse, int readSize, string[] expected)
    {
        var events = await ReadAllAsync(Encoding.UTF8.GetBytes(sse), readSize, maxLineBytes: 1024);

        Assert.That(events, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Matrix))]
    public void ReadEvent_AnySplitAndLineEnd_GivesTheSameEvents(string sse, int readSize, string[] expected)
    {
        var events = ReadAllBlocking(Encoding.UTF8.GetBytes(sse), readSize, maxLineBytes: 1024);

        Assert.That(events, Is.EqualTo(expected));
    }

    [TestCase(1)]
    [TestCase(100_000)]
    public void ReadEvent_LineLongerThanLimit_FailsWithProtocolInsteadOfGrowing(int readSize)
    {
        byte[] endless = Encoding.ASCII.GetBytes("data: " + new string('x', 20_000));

        var e = Assert.Throws<OcrException>(() => ReadAllBlocking(endless, readSize, maxLineBytes: 1000));

        Assert.That(e!.Status, Is.EqualTo(OcrStatus.Protocol));
    }

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(4096)]
    public void ReadEvent_LongMultiLineEventsAcrossReads_AreJoinedWhole(int readSize)
    {
        // One-line events are handed out where they lie in the read buffer; a read that moves the buffer, or a second
        // line, must copy them first. Lines longer than the debug build's 16-byte buffer make every read move it.
        string a = new('a', 40);
        string b = new('b', 70);
        byte[] sse = Encoding.UTF8.GetBytes($"data: {a}\n\ndata: {a}\ndata: {b}\n\ndata: {b}\n\n");

        Assert.That(ReadAllBlocking(sse, readSize, maxLineBytes: 1024), Is.EqualTo(new[] { a, a + "\n" + b, b }));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public async Task ReadEventAsync_MixedLineEndsInOneStream_GivesEveryEvent(int readSize)
    {
        var events = await ReadAllAsync(Encoding.UTF8.GetBytes("data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\n\ndata: e\n\r"), readSize, maxLineBytes: 1024);

        Assert.That(events, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
    }

    [TestCase(1)]
    [TestCase(4096)]
    public async Task ReadEventAsync_CrLfSplitAcrossReads_IsOneLineEnd(int readSize)
    {
        // A blank line is an event boundary: were "\r" + "\n" taken as two line ends, "a" and "b" would be separate events.
        var events = await ReadAllAsync("data: a\r\ndata: b\r\n\r\n"u8.ToArray(), readSize, maxLineBytes: 1024);

        Assert.That(events, Is.EqualTo(new[] { "a\nb" }));
    }

    [TestCase(1)]
    [TestCase(64)]
    [TestCase(100_000)]
    public void ReadEventAsync_LineLongerThanLimit_FailsWithProtocolInsteadOfGrowing(int readSize)
    {
        byte[] endless = Encoding.ASCII.GetBytes("data: " + new string('x', 20_000));

        var e = Assert.ThrowsAsync<OcrException>(() => ReadAllAsync(endless, readSize, maxLineBytes: 1000));

        Assert.That(e!.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 1000 bytes"));
    }

    [Test]
    public void ReadEventAsync_EventOfManyShortLinesOverLimit_FailsWithProtocol()
    {
        byte[] many = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("data: 0123456789\n", 200)) + "\n");

        var e = Assert.ThrowsAsync<OcrException>(() => ReadAllAsync(many, 4096, maxLineBytes: 1000));

        Assert.That(e!.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("event").And.Contain("longer than 1000 bytes"));
    }

    [Test]
    public async Task ReadEventAsync_EventJustUnderTheLimit_IsRead()
    {
        string data = new('y', 900);

        var events = await ReadAllAsync(Encoding.ASCII.GetBytes($"data: {data}\n\n"), 13, maxLineBytes: 1000);

        Assert.That(events, Is.EqualTo(new[] { data }));
    }

    private static async Task<List<string>> ReadAllAsync(byte[] sse, int readSize, int maxLineBytes)
    {
        using var scope = new CallDeadlines(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), CancellationToken.None);
        using var reader = new SseEventReader(new TrickleStream(sse, readSize), scope, maxLineBytes);
        var events = new List<string>();
        // Bounded: no input here holds more than a few dozen events.
        for (int i = 0; i < 1000 && await reader.ReadEventAsync(); i++)
        {
            events.Add(Encoding.UTF8.GetString(reader.Data));
        }

        return events;
    }

    private static List<string> ReadAllBlocking(byte[] sse, int readSize, int maxLineBytes)
    {
        using var scope = new CallDeadlines(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), CancellationToken.None);
        using var reader = new SseEventReader(new TrickleStream(sse, readSize), scope, maxLineBytes);
        var events = new List<string>();
        for (int i = 0; i < 1000 && reader.ReadEvent(); i++)
        {
            events.Add(Encoding.UTF8.GetString(reader.Data));
        }

        return events;
    }

    private static string Visible(string lineEnd) => lineEnd.Replace("\r", "CR", StringComparison.Ordinal).Replace("\n", "LF", StringComparison.Ordinal);
}
