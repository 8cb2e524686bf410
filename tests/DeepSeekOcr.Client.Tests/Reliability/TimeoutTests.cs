using System.Diagnostics;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Reliability;

/// <summary>
/// Deadlines and broken connections, against a raw socket server that can stall, trickle and reset: each ends the
/// call with the right status, in the expected time, and says which limit fired.
/// </summary>
public sealed class TimeoutTests
{
    private static readonly string SseHead = RawHttpServer.Head(200, "text/event-stream");

    private static OcrClient Client(RawHttpServer server, TimeSpan? timeout = null, TimeSpan? idle = null, int maxRetries = 0) =>
        new(TestClients.Options(server.BaseUrl) with
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            IdleTimeout = idle ?? TimeSpan.FromSeconds(5),
            MaxRetries = maxRetries,
        });

    private static string Event(string payload) => $"data: {payload}\n\n";

    [Test]
    public async Task MoveNextAsync_StreamStallsAfterOneChunk_FailsWithTimeoutNamingIdleTimeout()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead + Event(Answers.Chunk("first")), stop);
            await Task.Delay(Timeout.Infinite, stop);
        });
        using var client = Client(server, idle: TimeSpan.FromMilliseconds(500));
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("idle_timeout_ms").And.Contain("500 ms"));
        Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task RecognizeAsync_BodyStallsHalfway_FailsWithTimeoutNamingIdleTimeout()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(RawHttpServer.Head(200, "application/json", contentLength: 1000) + "{\"id\":\"x\",", stop);
            await Task.Delay(Timeout.Infinite, stop);
        });
        using var client = Client(server, idle: TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("idle_timeout_ms"));
        Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task RecognizeAsync_ServerNeverAnswers_FailsWithTimeoutNamingTimeoutMs()
    {
        await using var server = new RawHttpServer((_, stop) => Task.Delay(Timeout.Infinite, stop));
        using var client = Client(server, timeout: TimeSpan.FromMilliseconds(500), maxRetries: 2);
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("timeout_ms").And.Contain("500 ms").And.Not.Contain("idle"));
        Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3)));
        Assert.That(server.RequestCount, Is.EqualTo(1), "the whole-call deadline is not retried");
    }

    [Test]
    public async Task MoveNextAsync_StreamSteadyButLongerThanTimeout_FailsWithTimeoutNamingTimeoutMs()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead, stop);
            for (int i = 0; i < 100; i++)
            {
                await c.WriteAsync(Event(Answers.Chunk($"{i} ")), stop);
                await Task.Delay(100, stop);
            }
        });
        using var client = Client(server, timeout: TimeSpan.FromMilliseconds(700), idle: TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("(timeout_ms)"));
        Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(650), TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task StreamAsync_SlowTrickleUnderTheIdleTimeout_Succeeds()
    {
        // Six pieces 200 ms apart: 1.2 s in all, longer than the 1 s idle timeout, never 1 s silent.
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead, stop);
            for (int i = 0; i < 6; i++)
            {
                await Task.Delay(200, stop);
                await c.WriteAsync(Event(Answers.Chunk($"p{i}")), stop);
            }

            await c.WriteAsync(Event("[DONE]"), stop);
        });
        using var client = Client(server, idle: TimeSpan.FromSeconds(1));

        var (deltas, result) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "p0", "p1", "p2", "p3", "p4", "p5" }));
        Assert.That(result.Text, Is.EqualTo("p0p1p2p3p4p5"));
    }

    [Test]
    public async Task StreamAsync_KeptAliveOnlyByComments_DoesNotTimeOut()
    {
        // 1.2 s of nothing but comments against a 400 ms idle timeout: comments are bytes, so the watchdog is fed.
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead, stop);
            for (int i = 0; i < 8; i++)
            {
                await Task.Delay(150, stop);
                await c.WriteAsync(": keep-alive\n\n", stop);
            }

            await c.WriteAsync(Event(Answers.Chunk("finally")) + Event("[DONE]"), stop);
        });
        using var client = Client(server, idle: TimeSpan.FromMilliseconds(400));

        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "finally" }));
    }

    [Test]
    public async Task MoveNextAsync_PieceArrivesWhileServerHoldsTheRest_IsHandedOutAtOnce()
    {
        using var release = new SemaphoreSlim(0);
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead + Event(Answers.Chunk("early")), stop);
            await release.WaitAsync(stop);
            await c.WriteAsync(Event(Answers.Chunk(" late")) + Event("[DONE]"), stop);
        });
        using var client = Client(server);
        using var stream = await client.StreamAsync(TestClients.PngRequest());

        // The server sends nothing more until the first piece has been seen here.
        bool first = await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        string text = System.Text.Encoding.UTF8.GetString(stream.Current.Span);
        release.Release();
        var rest = await TestClients.ReadAllAsync(stream);

        Assert.That(first, Is.True);
        Assert.That(text, Is.EqualTo("early"));
        Assert.That(rest, Is.EqualTo(new[] { " late" }));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionResetMidBody_FailsWithNetwork()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(RawHttpServer.Head(200, "application/json", contentLength: 5000) + "{\"id\":\"chatcmpl\",\"choices\":[", stop);
            await Task.Delay(50, stop);
            c.Reset();
        });
        using var client = Client(server);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("127.0.0.1"));
    }

    [Test]
    public async Task MoveNextAsync_ConnectionResetMidStream_FailsWithNetworkAndIsNotRetried()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead + Event(Answers.Chunk("first")), stop);
            await Task.Delay(50, stop);
            c.Reset();
        });
        using var client = Client(server, maxRetries: 2);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("connection broke"));
        Assert.That(server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionResetBeforeAnswer_IsRetriedAndSucceeds()
    {
        string answer = Answers.Completion("after a reset");
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            bodies.Enqueue(c.RequestBody);
            if (c.RequestIndex == 0)
            {
                c.Reset();
                return;
            }

            await c.WriteAsync(RawHttpServer.Head(200, "application/json", System.Text.Encoding.UTF8.GetByteCount(answer)) + answer, stop);
        });
        using var client = Client(server, maxRetries: 1);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("after a reset"));
        Assert.That(server.RequestCount, Is.EqualTo(2));
        Assert.That(bodies.ToArray()[1], Is.EqualTo(bodies.ToArray()[0]).And.Not.Empty, "the retry re-sends the same body");
    }

    [Test]
    public async Task RecognizeAsync_ConnectionClosedWithoutAnswer_FailsWithNetworkAfterEveryTry()
    {
        // The script returns at once: the connection is closed (FIN) once the request has been read.
        await using var server = new RawHttpServer((_, _) => Task.CompletedTask);
        using var client = Client(server, maxRetries: 1);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.HttpStatus, Is.EqualTo(0));
        Assert.That(server.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task RecognizeAsync_BodyWithoutLengthOverMaxResponseBytes_FailsWithProtocol()
    {
        // No Content-Length: the limit can only be enforced while reading.
        await using var server = new RawHttpServer(async (c, stop) =>
            await c.WriteAsync(RawHttpServer.Head(200, "application/json") + Answers.Completion(new string('z', 50_000)), stop));
        using var client = new OcrClient(TestClients.Options(server.BaseUrl) with { MaxResponseBytes = 20_000 });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 20000 bytes"));
    }

    [Test]
    public async Task RecognizeAsync_BodyWithoutLengthEndedByClose_IsReadWhole()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
            await c.WriteAsync(RawHttpServer.Head(200, "application/json") + Answers.Completion("read to the close"), stop));
        using var client = Client(server);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("read to the close"));
    }

    [Test]
    public async Task Dispose_StreamAbandonedAfterFirstPiece_HangsUpAndTheClientStaysUsable()
    {
        using var hungUp = new SemaphoreSlim(0);
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            if (c.RequestIndex > 0)
            {
                await c.WriteAsync(SseHead + Event(Answers.Chunk("next call")) + Event("[DONE]"), stop);
                return;
            }

            await c.WriteAsync(SseHead, stop);
            try
            {
                // An endless answer; bounded so that a client that never hangs up fails the test instead of hanging it.
                for (int i = 0; i < 500; i++)
                {
                    await c.WriteAsync(Event(Answers.Chunk($"{i} ")), stop);
                    await Task.Delay(10, stop);
                }
            }
            catch (IOException)
            {
                hungUp.Release();
            }
        });
        using var client = Client(server);

        using (var stream = await client.StreamAsync(TestClients.PngRequest()))
        {
            Assert.That(await stream.MoveNextAsync(), Is.True);
        }

        Assert.That(await hungUp.WaitAsync(TimeSpan.FromSeconds(3)), Is.True, "disposing the stream must close its connection");
        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());
        Assert.That(deltas, Is.EqualTo(new[] { "next call" }));
    }

    [Test]
    public async Task MoveNextAsync_EndlessLine_FailsWithProtocolWithoutReadingItAll()
    {
        const int cap = 256 * 1024 * 1024;
        long sent = 0;
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(SseHead + "data: ", stop);
            byte[] block = new byte[64 * 1024];
            block.AsSpan().Fill((byte)'x');
            // Bounded: stops at the cap even if the client never gives up.
            while (Interlocked.Read(ref sent) < cap)
            {
                await c.WriteAsync(block, stop);
                Interlocked.Add(ref sent, block.Length);
            }
        });
        using var client = new OcrClient(TestClients.Options(server.BaseUrl) with { MaxLineBytes = 256 * 1024 });
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 262144 bytes"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(Interlocked.Read(ref sent), Is.LessThan(cap), "the client must hang up instead of reading on");
    }
}
