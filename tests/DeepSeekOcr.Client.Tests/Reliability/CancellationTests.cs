using System.Diagnostics;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Reliability;

/// <summary>
/// The caller's token ends a call promptly wherever it is blocked: waiting for headers, mid-stream, or between tries.
/// "Promptly" is well under the deadlines that would otherwise end the call (10 s), never a tight window.
/// </summary>
public sealed class CancellationTests : ScriptedServerFixture
{
    private static readonly TimeSpan MaxReaction = TimeSpan.FromSeconds(3);

    [Test]
    public async Task RecognizeAsync_CancelledWhileWaitingForTheAnswer_FailsWithCancelledPromptly()
    {
        var server = Server.Define(Scenarios.Steps(Scenarios.HoldUntilClose()));
        using var client = TestClients.Create(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        var call = Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest(), cancel.Token));
        await Eventually.TrueAsync(() => server.Count() == 1, "the request reaching the server");
        var elapsed = Stopwatch.StartNew();

        await cancel.CancelAsync();
        var e = await call;

        AssertCancelled(e, elapsed.Elapsed);
    }

    [Test]
    public async Task MoveNextAsync_CancelledWhileTheStreamHangs_FailsWithCancelledPromptly()
    {
        var server = Server.Define(Scenarios.Stream(Scenarios.Data(Answers.Chunk("first")), Scenarios.HoldUntilClose()));
        using var client = TestClients.Create(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        using var stream = await client.StreamAsync(TestClients.PngRequest(), cancel.Token);
        Assert.That(await stream.MoveNextAsync(), Is.True);
        var next = Expect.FailureAsync(async () => await stream.MoveNextAsync());
        var elapsed = Stopwatch.StartNew();

        await cancel.CancelAsync();
        var e = await next;

        AssertCancelled(e, elapsed.Elapsed);
    }

    [Test]
    public async Task RecognizeAsync_CancelledDuringRetryWait_FailsWithCancelledWithoutWaiting()
    {
        string error = """{"error":{"message":"busy"}}""";
        var server = Server.Define(Scenarios.Json(error, status: 503, retryAfter: "30"));
        var clock = new TestClock();
        using var client = new OcrClient(TestClients.Options(server.BaseUrl) with { MaxRetries = 2, TimeProvider = clock });
        using var cancel = new CancellationTokenSource();
        var call = Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest(), cancel.Token));
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));

        // The clock never moves: only the cancellation can end the wait.
        await cancel.CancelAsync();
        var e = await call.WaitAsync(MaxReaction);

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        Assert.That(e.Message, Does.Contain("cancelled"));
        Assert.That(server.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_AlreadyCancelledToken_FailsWithCancelledWithoutSending()
    {
        var server = Server.Define(Scenarios.Steps(Scenarios.HoldUntilClose()));
        using var client = TestClients.Create(server.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest(), new CancellationToken(canceled: true)));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        await Task.Delay(50);
        Assert.That(server.Count(), Is.EqualTo(0));
    }

    private static void AssertCancelled(OcrException e, TimeSpan sinceCancel)
    {
        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        Assert.That(e.Message, Does.Contain("cancelled"));
        Assert.That(sinceCancel, Is.LessThan(MaxReaction));
    }
}
