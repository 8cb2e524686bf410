using System.Text;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Streaming;

/// <summary>Every shape of SSE stream that real servers send, through the whole client over HTTP.</summary>
public sealed class StreamShapeTests : MockServerFixture
{
    private static readonly string[] TypicalDeltas = ["Hello", ", ", "world"];

    [Test]
    public async Task StreamAsync_TypicalStream_HandsOutEachPieceAndTheWholeResult()
    {
        Mock.Reply(MockServer.EventStream(Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.Multiple(() =>
        {
            Assert.That(deltas, Is.EqualTo(TypicalDeltas));
            Assert.That(result.Text, Is.EqualTo("Hello, world"));
            Assert.That(result.FinishReason, Is.EqualTo("stop"));
            Assert.That(result.Id, Is.EqualTo(Answers.Id));
            Assert.That(result.Model, Is.EqualTo(Answers.Model));
            Assert.That(result.Created, Is.EqualTo(Answers.Created));
            Assert.That(result.Usage, Is.EqualTo(new OcrUsage(812, 3, 815)));
            Assert.That(result.HttpStatus, Is.EqualTo(200));
        });
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("\r")]
    public async Task StreamAsync_AnyLineEnding_ReadsTheSameAnswer(string lineEnd)
    {
        Mock.Reply(MockServer.EventStream(Answers.TypicalStream(lineEnd)));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(TypicalDeltas));
        Assert.That(result.Usage.TotalTokens, Is.EqualTo(815));
    }

    [Test]
    public async Task StreamAsync_KeepAliveCommentsAndOtherFields_AreIgnored()
    {
        string body = ": keep-alive\n\n"
            + "event: message\nid: 1\nretry: 1000\n: a comment inside an event\ndata: " + Answers.Chunk("A") + "\n\n"
            + ":\n: keep-alive\r\n\r\n"
            + "data: " + Answers.Chunk("B") + "\nunknown-field: x\n\n"
            + ": keep-alive\n\n"
            + "data: [DONE]\n\n";
        Mock.Reply(MockServer.EventStream(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "A", "B" }));
        Assert.That(result.Text, Is.EqualTo("AB"));
    }

    [Test]
    public async Task StreamAsync_ChunkSplitOverDataLines_JoinsThemWithLineFeeds()
    {
        string body = "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\n"
            + "data: \"choices\":[{\"index\":0,\n"
            + "data: \"delta\":{\"content\":\"multi-line\"}}]}\n\n"
            + "data: [DONE]\n\n";
        Mock.Reply(MockServer.EventStream(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "multi-line" }));
    }

    [Test]
    public async Task StreamAsync_LeadingByteOrderMark_IsSkipped()
    {
        Mock.Reply(MockServer.EventStream("\uFEFF" + Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(TypicalDeltas));
    }

    [Test]
    public async Task StreamAsync_RoleOnlyEmptyAndUsageOnlyChunks_HandOutNoEmptyPieces()
    {
        string body = Answers.Events("\n", Answers.RoleChunk(), Answers.EmptyDeltaChunk(), Answers.Chunk("only"), Answers.EmptyDeltaChunk(), Answers.FinishChunk("length"), Answers.UsageChunk(5, 1), "[DONE]");
        Mock.Reply(MockServer.EventStream(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "only" }));
        Assert.That(result.FinishReason, Is.EqualTo("length"));
        Assert.That(result.Usage, Is.EqualTo(new OcrUsage(5, 1, 6)));
    }

    [Test]
    public async Task StreamAsync_NonAsciiAndEscapes_HandsOutExactUtf8()
    {
        string body = Answers.Events(
            "\n",
            Answers.Chunk("Straße "),
            Answers.RawChunk("\"\\u00e9\\u00E8 \""),
            Answers.RawChunk("\"\\ud83d\\ude00\""),
            Answers.Chunk(" 日本語"),
            Answers.RawChunk("\"\\\"quoted\\\"\\n\\ttab\""),
            "[DONE]");
        Mock.Reply(MockServer.EventStream(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "Straße ", "éè ", "😀", " 日本語", "\"quoted\"\n\ttab" }));
        Assert.That(result.TextUtf8.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes("Straße éè 😀 日本語\"quoted\"\n\ttab")));
    }

    [Test]
    public async Task MoveNextAsync_EachPiece_IsFollowedByANulForTheCAbi()
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("héllo"), "[DONE]")));
        using var client = TestClients.Create(Mock.BaseUrl);
        using var stream = await client.StreamAsync(TestClients.PngRequest());

        Assert.That(await stream.MoveNextAsync(), Is.True);

        Assert.That(stream.CurrentWithNul.ToArray(), Is.EqualTo(new byte[] { (byte)'h', 0xC3, 0xA9, (byte)'l', (byte)'l', (byte)'o', 0 }));
        Assert.That(await stream.MoveNextAsync(), Is.False);
    }

    [TestCase("data: [DONE]\n")]
    [TestCase("data: [DONE]")]
    [TestCase("data: [DONE]\r")]
    [TestCase("data:[DONE]")]
    public async Task StreamAsync_DoneWithoutTrailingBlankLine_EndsCleanly(string done)
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("x"), Answers.UsageChunk()) + done));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "x" }));
        Assert.That(result.Usage.TotalTokens, Is.EqualTo(815));
    }

    [Test]
    public async Task MoveNextAsync_StreamEndsWithoutDone_FailsWithProtocolAfterHandingOutThePieces()
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("partial"))));
        using var client = TestClients.Create(Mock.BaseUrl);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);
        Assert.That(Encoding.UTF8.GetString(stream.Current.Span), Is.EqualTo("partial"));

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("ended before [DONE]"));
        Assert.Throws<InvalidOperationException>(() => _ = stream.Result);
    }

    [Test]
    public async Task MoveNextAsync_EmptyStream_FailsWithProtocol()
    {
        Mock.Reply(MockServer.EventStream(""));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
    }

    [TestCase("{\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"a\"}")]
    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("null")]
    public async Task MoveNextAsync_MalformedChunk_FailsWithProtocol(string chunk)
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("ok"), chunk, "[DONE]")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("chunk"));
    }

    [Test]
    public async Task MoveNextAsync_ErrorObjectMidStreamOn200_FailsWithServerAndItsMessage()
    {
        // vLLM's shape: an error event on an HTTP 200, then [DONE].
        string error = """{"error":{"message":"CUDA out of memory while decoding","type":"InternalServerError","code":500}}""";
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("Par"), error, "[DONE]")));
        using var client = TestClients.Create(Mock.BaseUrl);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.Message, Does.Contain("CUDA out of memory while decoding"));
        Assert.That(e.HttpStatus, Is.EqualTo(200));
    }

    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("text/html")]
    public async Task StreamAsync_WrongContentType_FailsWithProtocolNamingIt(string contentType)
    {
        Mock.Reply(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.StreamAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain($"'{contentType}'").And.Contain("'text/event-stream'"));
    }

    [Test]
    public async Task StreamAsync_EventStreamWithCharset_IsAccepted()
    {
        Mock.Reply(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream; charset=utf-8").WithBody(Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl);

        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(TypicalDeltas));
    }

    [Test]
    public async Task MoveNextAsync_EventLongerThanMaxLineBytes_FailsWithProtocol()
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk(new string('w', 5000)), "[DONE]")));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxLineBytes = 1024 });

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 1024 bytes"));
    }
}
