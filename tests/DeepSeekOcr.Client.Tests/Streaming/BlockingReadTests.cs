using System.Diagnostics;
using System.Text;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Streaming;

/// <summary>
/// <see cref="OcrStream.MoveNext"/>, the blocking read the C ABI's <c>ocr_stream</c> uses: the same pieces as
/// <see cref="OcrStream.MoveNextAsync"/>, and every deadline, cancellation and broken connection still ends a read
/// that is blocked in the socket, with the same status and message as on the asynchronous path.
/// </summary>
public sealed class BlockingReadTests : ScriptedServerFixture
{
    private static OcrClient Client(ScriptedScenario scenario, TimeSpan? idle = null, TimeProvider? clock = null) =>
        new(TestClients.Options(scenario.BaseUrl) with
        {
            IdleTimeout = idle ?? TimeSpan.FromSeconds(5),
            TimeProvider = clock ?? TimeProvider.System,
        });

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(65536)]
    public async Task MoveNext_WholeStreamInPieces_GivesWhatMoveNextAsyncGives(int writeSize)
    {
        string sse = Answers.Events("\n", Answers.RoleChunk(), Answers.Chunk("Hello"), Answers.Chunk(", wörld 😀"),
            Answers.RawChunk("\"esc\\u00e9\\n\""), Answers.FinishChunk(), Answers.UsageChunk(), "[DONE]");
        byte[] body = Encoding.UTF8.GetBytes(sse);
        // The body in writes of writeSize bytes each, cutting through characters and lines.
        var server = Server.Define(Scenarios.Steps(
        [
            Scenarios.Raw(Scenarios.Head(200, "text/event-stream", body.Length)),
            .. body.Chunk(writeSize).Select(piece => Scenarios.Bytes(piece)),
        ]));
        using var client = Client(server);

        var (expected, expectedResult) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        var deltas = await Task.Run(() => TestClients.ReadAllBlocking(stream));

        Assert.That(deltas, Is.EqualTo(expected));
        Assert.That(deltas, Is.EqualTo(new[] { "Hello", ", wörld 😀", "esc\u00e9\n" }));
        var result = stream.Result;
        Assert.That((result.Text, result.FinishReason, result.Id, result.Created, result.Usage),
            Is.EqualTo((expectedResult.Text, expectedResult.FinishReason, expectedResult.Id, expectedResult.Created, expectedResult.Usage)));
    }

    [Test]
    public async Task MoveNext_StreamStallsAfterOneChunk_FailsAtTheIdleTimeoutNamingIt()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.HoldUntilClose()));
        var clock = new TestClock();
        var idle = TimeSpan.FromMilliseconds(500);
        using var client = Client(server, idle: idle, clock: clock);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await Task.Run(stream.MoveNext), Is.True);

        int armed = clock.Count(idle);
        var next = Task.Run(() => Expect.Failure(() => stream.MoveNext()));
        await clock.WaitForTimerAsync(idle, armed + 1);
        var e = await clock.FinishesAtAsync(next, idle, "the read ended before the idle timeout");

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
        Assert.That(e.Message, Does.Contain("IdleTimeout").And.Contain("500 ms"));
    }

    [Test]
    public async Task MoveNext_CancelledWhileBlockedInTheSocket_FailsWithCancelledPromptly()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.HoldUntilClose()));
        using var client = Client(server);
        using var cancel = new CancellationTokenSource();
        using var stream = await client.StreamAsync(TestClients.PngRequest(), cancel.Token);
        Assert.That(await Task.Run(stream.MoveNext), Is.True);
        var next = Task.Run(() => Expect.Failure(() => stream.MoveNext()));
        await Task.Delay(200); // the read is blocked by now, or blocks at once on a slow machine: either way it must end
        var elapsed = Stopwatch.StartNew();

        await cancel.CancelAsync();
        var e = await next.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        Assert.That(e.Message, Does.Contain("cancelled"));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task MoveNext_ConnectionResetMidStream_FailsWithNetwork()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.Sleep(50), Scenarios.Reset()));
        using var client = Client(server);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await Task.Run(stream.MoveNext), Is.True);

        var e = await Task.Run(() => Expect.Failure(() => stream.MoveNext()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("connection broke"));
    }
}
