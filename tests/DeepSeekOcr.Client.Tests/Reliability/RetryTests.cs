using System.Diagnostics;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;
using WireMock.ResponseBuilders;

namespace DeepSeekOcr.Client.Tests.Reliability;

/// <summary>What is retried, how long between tries, and what never is.</summary>
public sealed class RetryTests : MockServerFixture
{
    private static OcrClient RetryingClient(string baseUrl, int maxRetries = 2, TimeProvider? clock = null) =>
        new(TestClients.Options(baseUrl) with { MaxRetries = maxRetries, TimeProvider = clock ?? new TestClock() });

    private static IResponseBuilder Status(int code, string? retryAfter = null)
    {
        var response = MockServer.Error(code, $"try again ({code})");
        return retryAfter is null ? response : response.WithHeader("Retry-After", retryAfter);
    }

    // The first backoff: 0.5 s less up to 25% jitter (inclusive: the wait may be rounded to the millisecond).
    private static bool FirstBackoff(TimeSpan wait) => wait >= TimeSpan.FromMilliseconds(375) && wait <= TimeSpan.FromMilliseconds(500);

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterOneSecond_WaitsExactlyThatLongThenSucceeds()
    {
        Mock.ReplyInTurn(Status(429, "1"), MockServer.Json(Answers.Completion("after the wait")));
        var clock = new TestClock();
        using var client = RetryingClient(Mock.BaseUrl, clock: clock);

        var call = client.RecognizeAsync(TestClients.PngRequest());
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        var result = await clock.FinishesAtAsync(
            call, TimeSpan.FromSeconds(1), "retried before the Retry-After had passed", () => Assert.That(Mock.Requests, Has.Count.EqualTo(1)));

        Assert.That(result.Text, Is.EqualTo("after the wait"));
        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterOneSecondOnTheRealClock_WaitsThenSucceeds()
    {
        // The one retry on the system clock, with a wide margin: the default TimeProvider is wired through.
        Mock.ReplyInTurn(Status(429, "2"), MockServer.Json(Answers.Completion("after the wait")));
        using var client = RetryingClient(Mock.BaseUrl, clock: TimeProvider.System);
        var elapsed = Stopwatch.StartNew();

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("after the wait"));
        Assert.That(elapsed.Elapsed, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7)));
        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterAnHour_FailsAtOnceWithRateLimitedAndTheWait()
    {
        Mock.ReplyInTurn(Status(429, "3600"), MockServer.Json(Answers.Completion("never")));
        var clock = new TestClock();
        using var client = RetryingClient(Mock.BaseUrl, clock: clock);

        // The clock never moves: the call can only end if it does not wait.
        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.RateLimited));
        Assert.That(e.HttpStatus, Is.EqualTo(429));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(e.Message, Does.Contain("retry after 3600 s, longer than the 60 s").And.Contain("try again (429)"));
        Assert.That(clock.Count(TimeSpan.FromHours(1)), Is.Zero, "no wait was started");
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterDateAnHourAhead_FailsAtOnceWithRateLimited()
    {
        var clock = new TestClock();
        string date = clock.GetUtcNow().AddHours(1).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        Mock.ReplyInTurn(Status(429, date), MockServer.Json(Answers.Completion("never")));
        using var client = RetryingClient(Mock.BaseUrl, clock: clock);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.RateLimited));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)), "the date is read against the client's clock");
        Assert.That(e.Message, Does.Contain("retry after 3600 s"));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterDateInThePast_RetriesWithoutWaiting()
    {
        var clock = new TestClock();
        string date = clock.GetUtcNow().AddMinutes(-1).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        Mock.ReplyInTurn(Status(429, date), MockServer.Json(Answers.Completion("retried")));
        using var client = RetryingClient(Mock.BaseUrl, clock: clock);

        // The clock never moves: a backoff would never end.
        var result = await client.RecognizeAsync(TestClients.PngRequest()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(result.Text, Is.EqualTo("retried"));
        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
    }

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task RecognizeAsync_RetryableStatusThenSuccess_BacksOffThenSucceeds(int code)
    {
        Mock.ReplyInTurn(Status(code), MockServer.Json(Answers.Completion("second time lucky")));
        var clock = new TestClock();
        using var client = RetryingClient(Mock.BaseUrl, clock: clock);

        var call = client.RecognizeAsync(TestClients.PngRequest());
        var backoff = await clock.WaitForTimerAsync(FirstBackoff);
        var result = await clock.FinishesAtAsync(
            call, backoff, "retried before the backoff had passed", () => Assert.That(Mock.Requests, Has.Count.EqualTo(1)));

        Assert.That(result.Text, Is.EqualTo("second time lucky"));
        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RecognizeAsync_AlwaysFailingWithoutRetryAfter_BacksOffExponentiallyWithJitter()
    {
        Mock.Reply(Status(503));
        var clock = new TestClock();
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 3, clock: clock);

        var call = Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));
        var waits = new List<TimeSpan>();
        foreach (double full in new[] { 0.5, 1, 2 })
        {
            var wait = await clock.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(full * 0.75) && d <= TimeSpan.FromSeconds(full));
            waits.Add(wait);
            clock.Advance(wait);
        }

        var e = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(waits, Has.Count.EqualTo(3));
        Assert.That(e.HttpStatus, Is.EqualTo(503));
        Assert.That(Mock.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task RecognizeAsync_Retried_ResendsTheSameBody()
    {
        using var files = new TempDirectory();
        string path = files.Write("page.png", TestImages.PngOfLength(150_000));
        Mock.ReplyInTurn(Status(503, "0"), MockServer.Json(Answers.Completion("ok")));
        using var client = RetryingClient(Mock.BaseUrl);

        await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path), MaxTokens = 9 });

        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
        Assert.That(Mock.Requests[1].Body(), Is.EqualTo(Mock.Requests[0].Body()));
        Assert.That(Mock.Requests[1].Header("Authorization"), Is.EqualTo("Bearer " + TestClients.ApiKey));
    }

    [Test]
    public async Task RecognizeAsync_AlwaysFailing_TriesMaxRetriesPlusOneTimesThenReportsTheLastFailure()
    {
        Mock.Reply(Status(503, "0"));
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 3);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.HttpStatus, Is.EqualTo(503));
        Assert.That(Mock.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task RecognizeAsync_MaxRetriesZero_DoesNotRetry()
    {
        Mock.ReplyInTurn(Status(503, "0"), MockServer.Json(Answers.Completion("never")));
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 0);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(409)]
    [TestCase(422)]
    [TestCase(501)]
    public async Task RecognizeAsync_NonRetryableStatus_IsNeverRetried(int code)
    {
        Mock.ReplyInTurn(Status(code, "0"), MockServer.Json(Answers.Completion("never")));
        using var client = RetryingClient(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.HttpStatus, Is.EqualTo(code));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StreamAsync_RetryableStatusBeforeTheStream_IsRetried()
    {
        Mock.ReplyInTurn(Status(503, "0"), MockServer.EventStream(Answers.TypicalStream()));
        using var client = RetryingClient(Mock.BaseUrl);

        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(deltas, Is.EqualTo(new[] { "Hello", ", ", "world" }));
        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task MoveNextAsync_ErrorAfterTheFirstPiece_IsNotRetried()
    {
        string error = """{"error":{"message":"engine died","type":"server_error"}}""";
        Mock.ReplyInTurn(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("first"), error, "[DONE]")), MockServer.EventStream(Answers.TypicalStream()));
        using var client = RetryingClient(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.Message, Does.Contain("engine died"));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionRefused_FailsWithNetwork()
    {
        using var client = TestClients.Create($"http://127.0.0.1:{LoopbackPorts.Unused()}");

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("cannot reach http://127.0.0.1:").And.Contain("refused"));
        Assert.That(e.HttpStatus, Is.EqualTo(0));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionRefusedWithOneRetry_TriesAgainAfterTheBackoff()
    {
        var clock = new TestClock();
        using var client = RetryingClient($"http://127.0.0.1:{LoopbackPorts.Unused()}", maxRetries: 1, clock: clock);

        var call = Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));
        var backoff = await clock.WaitForTimerAsync(FirstBackoff);
        var e = await clock.FinishesAtAsync(call, backoff, "gave up before the backoff had passed");

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("refused"));
    }
}
