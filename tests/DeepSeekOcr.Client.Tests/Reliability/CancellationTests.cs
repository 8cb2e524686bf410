using System.Diagnostics;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Reliability;

/// <summary>The caller's token ends a call quickly wherever it is blocked: waiting for headers, mid-stream, or between tries.</summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan CancelAfter = TimeSpan.FromMilliseconds(100);

    // How long after the token fires the call may take to return.
    private static readonly TimeSpan MaxReaction = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task RecognizeAsync_CancelledWhileWaitingForTheAnswer_FailsWithCancelledAtOnce()
    {
        await using var server = new RawHttpServer((_, stop) => Task.Delay(Timeout.Infinite, stop));
        using var client = TestClients.Create(server.BaseUrl);
        using var cancel = new CancellationTokenSource(CancelAfter);
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest(), cancel.Token));

        AssertCancelledInTime(e, clock.Elapsed);
    }

    [Test]
    public async Task MoveNextAsync_CancelledWhileTheStreamHangs_FailsWithCancelledAtOnce()
    {
        await using var server = new RawHttpServer(async (c, stop) =>
        {
            await c.WriteAsync(RawHttpServer.Head(200, "text/event-stream") + $"data: {Answers.Chunk("first")}\n\n", stop);
            await Task.Delay(Timeout.Infinite, stop);
        });
        using var client = TestClients.Create(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        using var stream = await client.StreamAsync(TestClients.PngRequest(), cancel.Token);
        Assert.That(await stream.MoveNextAsync(), Is.True);
        cancel.CancelAfter(CancelAfter);
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        AssertCancelledInTime(e, clock.Elapsed);
    }

    [Test]
    public async Task RecognizeAsync_CancelledDuringRetryWait_FailsWithCancelledAtOnce()
    {
        string error = """{"error":{"message":"busy"}}""";
        await using var server = new RawHttpServer(async (c, stop) =>
            await c.WriteAsync(RawHttpServer.Head(503, "application/json", error.Length).Replace("\r\n\r\n", "\r\nRetry-After: 30\r\n\r\n", StringComparison.Ordinal) + error, stop));
        using var client = new OcrClient(TestClients.Options(server.BaseUrl) with { MaxRetries = 2 });
        using var cancel = new CancellationTokenSource(CancelAfter);
        var clock = Stopwatch.StartNew();

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest(), cancel.Token));

        AssertCancelledInTime(e, clock.Elapsed);
        Assert.That(server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_AlreadyCancelledToken_FailsWithCancelledWithoutSending()
    {
        await using var server = new RawHttpServer((_, stop) => Task.Delay(Timeout.Infinite, stop));
        using var client = TestClients.Create(server.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest(), new CancellationToken(canceled: true)));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        await Task.Delay(50);
        Assert.That(server.RequestCount, Is.EqualTo(0));
    }

    private static void AssertCancelledInTime(OcrException e, TimeSpan elapsed)
    {
        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        Assert.That(e.Message, Does.Contain("cancelled"));
        Assert.That(elapsed, Is.InRange(CancelAfter - TimeSpan.FromMilliseconds(5), CancelAfter + MaxReaction));
    }
}
