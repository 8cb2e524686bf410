using System.Diagnostics;
using System.Text.Json.Nodes;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Reliability;

/// <summary>
/// Deadlines and broken connections, against the scripted server, which can stall, trickle and reset: each ends the
/// call with the right status, at exactly the deadline on a fake clock, and says which limit fired. A few smoke tests
/// run the same deadlines on the system clock with wide margins.
/// </summary>
public sealed class TimeoutTests : ScriptedServerFixture
{
    private static OcrClient Client(ScriptedScenario scenario, TimeSpan? timeout = null, TimeSpan? idle = null, int maxRetries = 0, TimeProvider? clock = null) =>
        new(TestClients.Options(scenario.BaseUrl) with
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            IdleTimeout = idle ?? TimeSpan.FromSeconds(5),
            MaxRetries = maxRetries,
            TimeProvider = clock ?? TimeProvider.System,
        });

    [Test]
    public async Task MoveNextAsync_StreamStallsAfterOneChunk_FailsAtTheIdleTimeoutNamingIt()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.HoldUntilClose()));
        var clock = new TestClock();
        var idle = TimeSpan.FromMilliseconds(500);
        using var client = Client(server, idle: idle, clock: clock);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);

        int armed = clock.Count(idle);
        var next = Expect.FailureAsync(async () => await stream.MoveNextAsync());
        await clock.WaitForTimerAsync(idle, armed + 1);
        var e = await clock.FinishesAtAsync(next, idle, "the call ended before its deadline");

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("IdleTimeout").And.Contain("500 ms"));
    }

    [Test]
    public async Task MoveNextAsync_StreamStallsOnTheRealClock_FailsWithTimeoutNamingIdleTimeout()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.HoldUntilClose()));
        using var client = Client(server, idle: TimeSpan.FromSeconds(1.2));
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);
        var elapsed = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("IdleTimeout").And.Contain("1200 ms"));
        Assert.That(elapsed.Elapsed, Is.InRange(TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(6)));
    }

    [Test]
    public async Task RecognizeAsync_BodyStallsHalfway_FailsAtTheIdleTimeoutNamingIt()
    {
        // Head and half a body in one write: the first read takes the half, the second waits for the rest.
        var server = Server.Define(Scenarios.Steps(
            Scenarios.Raw(Scenarios.Head(200, "application/json", contentLength: 1000) + "{\"id\":\"x\","), Scenarios.HoldUntilClose()));
        var clock = new TestClock();
        var idle = TimeSpan.FromMilliseconds(500);
        using var client = Client(server, idle: idle, clock: clock);

        var call = Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));
        await clock.WaitForTimerAsync(idle, 2);
        var e = await clock.FinishesAtAsync(call, idle, "the call ended before its deadline");

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("IdleTimeout"));
    }

    [Test]
    public async Task RecognizeAsync_ServerNeverAnswers_FailsAtTheTimeoutNamingTheTimeout()
    {
        var server = Server.Define(Scenarios.Steps(Scenarios.HoldUntilClose()));
        var clock = new TestClock();
        var timeout = TimeSpan.FromMilliseconds(500);
        using var client = Client(server, timeout: timeout, maxRetries: 2, clock: clock);

        var call = Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));
        await Eventually.TrueAsync(() => server.Count() == 1, "the request reaching the server");
        var e = await clock.FinishesAtAsync(call, timeout, "the call ended before its deadline");

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("Timeout").And.Contain("500 ms").And.Not.Contain("idle"));
        Assert.That(server.Count(), Is.EqualTo(1), "the whole-call deadline is not retried");
    }

    [Test]
    public async Task RecognizeAsync_ServerNeverAnswersOnTheRealClock_FailsWithTimeoutNamingTheTimeout()
    {
        var server = Server.Define(Scenarios.Steps(Scenarios.HoldUntilClose()));
        using var client = Client(server, timeout: TimeSpan.FromSeconds(1.2), maxRetries: 2);
        var elapsed = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("(Timeout)").And.Contain("1200 ms"));
        Assert.That(elapsed.Elapsed, Is.InRange(TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(6)));
        Assert.That(server.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task MoveNextAsync_StreamSteadyButLongerThanTimeout_FailsAtTheTimeoutNamingTheTimeout()
    {
        // Three pieces 300 ms apart on the fake clock, never idle for long, then the 700 ms of the whole call are up.
        var server = Server.Define(Scenarios.Stream(
            [.. Enumerable.Range(0, 4).Select(i => Scenarios.HoldUntilRelease(Scenarios.Data(Answers.Chunk($"{i} ")))), Scenarios.HoldUntilClose()]));
        var clock = new TestClock();
        using var client = Client(server, timeout: TimeSpan.FromMilliseconds(700), idle: TimeSpan.FromSeconds(5), clock: clock);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        for (int i = 0; i < 2; i++)
        {
            server.Release();
            Assert.That(await stream.MoveNextAsync(), Is.True);
            clock.Advance(TimeSpan.FromMilliseconds(300));
        }

        var next = Expect.FailureAsync(async () => await stream.MoveNextAsync());
        var e = await clock.FinishesAtAsync(next, TimeSpan.FromMilliseconds(100), "the call ended before its deadline");

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("(Timeout)").And.Contain("700 ms"));
    }

    [Test]
    public async Task StreamAsync_SlowTrickleUnderTheIdleTimeout_Succeeds()
    {
        // Six pieces 900 ms apart on the fake clock: 5.4 s in all, longer than the 1 s idle timeout, never 1 s silent.
        var server = Server.Define(Scenarios.Stream(
            [.. Enumerable.Range(0, 6).Select(i => Scenarios.HoldUntilRelease(Scenarios.Data(Answers.Chunk($"p{i}")))), Scenarios.Data("[DONE]")]));
        var clock = new TestClock();
        var idle = TimeSpan.FromSeconds(1);
        using var client = Client(server, idle: idle, clock: clock);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        var deltas = new List<string>();

        for (int i = 0; i < 6; i++)
        {
            int armed = clock.Count(idle);
            var next = stream.MoveNextAsync().AsTask();
            await clock.WaitForTimerAsync(idle, armed + 1);
            clock.Advance(TimeSpan.FromMilliseconds(900));
            server.Release();
            Assert.That(await next.WaitAsync(TimeSpan.FromSeconds(10)), Is.True);
            deltas.Add(System.Text.Encoding.UTF8.GetString(stream.Current.Span));
        }

        Assert.That(await stream.MoveNextAsync(), Is.False);
        Assert.That(deltas, Is.EqualTo(new[] { "p0", "p1", "p2", "p3", "p4", "p5" }));
        Assert.That(stream.Result.Text, Is.EqualTo("p0p1p2p3p4p5"));
    }

    [Test]
    public async Task StreamAsync_KeptAliveOnlyByComments_DoesNotTimeOut()
    {
        // 2.4 s of nothing but comments, 300 ms apart on the fake clock, against a 400 ms idle timeout: comments are
        // bytes, so each one feeds the watchdog.
        var server = Server.Define(Scenarios.Stream(
        [
            .. Enumerable.Range(0, 8).Select(_ => Scenarios.HoldUntilRelease(Scenarios.Raw(": keep-alive\n\n"))),
            Scenarios.HoldUntilRelease(Scenarios.Raw($"data: {Answers.Chunk("finally")}\n\ndata: [DONE]\n\n")),
        ]));
        var clock = new TestClock();
        var idle = TimeSpan.FromMilliseconds(400);
        using var client = Client(server, idle: idle, clock: clock);
        using var stream = await client.StreamAsync(TestClients.PngRequest());

        int armed = clock.Count(idle);
        var first = stream.MoveNextAsync().AsTask();
        for (int i = 0; i < 8; i++)
        {
            await clock.WaitForTimerAsync(idle, ++armed);
            clock.Advance(TimeSpan.FromMilliseconds(300));
            armed = clock.Count(idle);
            server.Release();
        }

        await clock.WaitForTimerAsync(idle, ++armed);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        server.Release();

        Assert.That(await first.WaitAsync(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(System.Text.Encoding.UTF8.GetString(stream.Current.Span), Is.EqualTo("finally"));
        Assert.That(await stream.MoveNextAsync(), Is.False);
    }

    [Test]
    public async Task MoveNextAsync_PieceArrivesWhileServerHoldsTheRest_IsHandedOutAtOnce()
    {
        var server = Server.Define(Scenarios.Stream(
            Scenarios.Data(Answers.Chunk("early")),
            Scenarios.HoldUntilRelease(Scenarios.Raw($"data: {Answers.Chunk(" late")}\n\ndata: [DONE]\n\n"))));
        using var client = Client(server);
        using var stream = await client.StreamAsync(TestClients.PngRequest());

        // The server sends nothing more until the first piece has been seen here.
        bool first = await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        string text = System.Text.Encoding.UTF8.GetString(stream.Current.Span);
        server.Release();
        var rest = await TestClients.ReadAllAsync(stream);

        Assert.That(first, Is.True);
        Assert.That(text, Is.EqualTo("early"));
        Assert.That(rest, Is.EqualTo(new[] { " late" }));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionResetMidBody_FailsWithNetwork()
    {
        var server = Server.Define(Scenarios.Steps(
            Scenarios.Raw(Scenarios.Head(200, "application/json", contentLength: 5000) + "{\"id\":\"chatcmpl\",\"choices\":["),
            Scenarios.Sleep(50),
            Scenarios.Reset()));
        using var client = Client(server);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("127.0.0.1"));
    }

    [Test]
    public async Task MoveNextAsync_ConnectionResetMidStream_FailsWithNetworkAndIsNotRetried()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.Sleep(50), Scenarios.Reset()));
        using var client = Client(server, maxRetries: 2);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("connection broke"));
        Assert.That(server.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionResetBeforeAnswer_IsRetriedAndSucceeds()
    {
        var server = Server.Define(Scenarios.Cycle(Scenarios.Steps(Scenarios.Reset()), Scenarios.Json(Answers.Completion("after a reset"))));
        using var client = Client(server, maxRetries: 1);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("after a reset"));
        Assert.That(server.Count(), Is.EqualTo(2));
        var bodies = server.Bodies();
        Assert.That(bodies[1], Is.EqualTo(bodies[0]).And.Not.Empty, "the retry re-sends the same body");
    }

    [Test]
    public async Task RecognizeAsync_ConnectionClosedWithoutAnswer_FailsWithNetworkAfterEveryTry()
    {
        // No steps: the connection is closed (FIN) once the request has been read.
        var server = Server.Define(Scenarios.Steps());
        using var client = Client(server, maxRetries: 1);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.HttpStatus, Is.EqualTo(0));
        Assert.That(server.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task RecognizeAsync_BodyWithoutLengthOverMaxResponseBytes_FailsWithProtocol()
    {
        // No Content-Length: the limit can only be enforced while reading.
        var server = Server.Define(Scenarios.Steps(Scenarios.Raw(Scenarios.Head(200, "application/json") + Answers.Completion(new string('z', 50_000)))));
        using var client = new OcrClient(TestClients.Options(server.BaseUrl) with { MaxResponseBytes = 20_000 });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 20000 bytes"));
    }

    [Test]
    public async Task RecognizeAsync_BodyWithoutLengthEndedByClose_IsReadWhole()
    {
        var server = Server.Define(Scenarios.Steps(Scenarios.Raw(Scenarios.Head(200, "application/json") + Answers.Completion("read to the close"))));
        using var client = Client(server);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("read to the close"));
    }

    [Test]
    public async Task Dispose_StreamAbandonedAfterFirstPiece_HangsUpAndTheClientStaysUsable()
    {
        // The first call gets an endless answer, bounded so that a client that never hangs up fails the test instead
        // of hanging it; the next gets a short one.
        var server = Server.Define(Scenarios.Cycle(
            Scenarios.Stream(Scenarios.Repeat(500, Scenarios.Data(Answers.Chunk("more ")), Scenarios.Sleep(10))),
            Scenarios.Stream(Scenarios.Data(Answers.Chunk("next call")), Scenarios.Data("[DONE]"))));
        using var client = Client(server);

        using (var stream = await client.StreamAsync(TestClients.PngRequest()))
        {
            Assert.That(await stream.MoveNextAsync(), Is.True);
        }

        await Eventually.TrueAsync(() => server.Gone() == 1, "disposing the stream closing its connection");
        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());
        Assert.That(deltas, Is.EqualTo(new[] { "next call" }));
    }

    [Test]
    public async Task MoveNextAsync_EndlessLine_FailsWithProtocolWithoutReadingItAll()
    {
        // 256 MiB of one line in 64 KiB writes: bounded, so it ends even if the client never gives up.
        var server = Server.Define(Scenarios.Stream(
            Scenarios.Raw("data: "), Scenarios.Repeat(4096, new JsonObject { ["raw"] = new string('x', 64), ["times"] = 1024 })));
        using var client = new OcrClient(TestClients.Options(server.BaseUrl) with { MaxLineBytes = 256 * 1024 });
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 262144 bytes"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        await Eventually.TrueAsync(() => server.Gone() == 1, "the client hanging up instead of reading on");
    }
}
