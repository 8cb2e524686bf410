using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Configuration;

/// <summary>Options out of range are refused when the client is made, naming the option, instead of failing later.</summary>
public sealed class OptionsValidationTests
{
    private static readonly TimeSpan TooLong = TimeSpan.FromDays(100);

    private static IEnumerable<TestCaseData> BadOptions()
    {
        var ok = TestClients.Options("http://127.0.0.1:1");
        yield return new TestCaseData(ok with { Timeout = TimeSpan.Zero }, "timeout_ms").SetArgDisplayNames("zero timeout");
        yield return new TestCaseData(ok with { Timeout = TimeSpan.FromMilliseconds(-5) }, "timeout_ms").SetArgDisplayNames("negative timeout");
        yield return new TestCaseData(ok with { Timeout = TooLong }, "timeout_ms").SetArgDisplayNames("timeout beyond timers");
        yield return new TestCaseData(ok with { Timeout = TimeSpan.MaxValue }, "timeout_ms").SetArgDisplayNames("TimeSpan.MaxValue timeout");
        yield return new TestCaseData(ok with { ConnectTimeout = TimeSpan.Zero }, "connect_timeout_ms").SetArgDisplayNames("zero connect timeout");
        yield return new TestCaseData(ok with { ConnectTimeout = TooLong }, "connect_timeout_ms").SetArgDisplayNames("connect timeout beyond timers");
        yield return new TestCaseData(ok with { IdleTimeout = TimeSpan.Zero }, "idle_timeout_ms").SetArgDisplayNames("zero idle timeout");
        yield return new TestCaseData(ok with { IdleTimeout = TooLong }, "idle_timeout_ms").SetArgDisplayNames("idle timeout beyond timers");
        yield return new TestCaseData(ok with { MaxRetryAfter = TimeSpan.FromSeconds(-1) }, "Retry-After").SetArgDisplayNames("negative retry-after cap");
        yield return new TestCaseData(ok with { MaxRetryAfter = TooLong }, "Retry-After").SetArgDisplayNames("retry-after cap beyond timers");
        yield return new TestCaseData(ok with { MaxRetries = -1 }, "max_retries").SetArgDisplayNames("negative retries");
        yield return new TestCaseData(ok with { MaxRetries = 1000 }, "max_retries").SetArgDisplayNames("absurd retries");
        yield return new TestCaseData(ok with { MaxImageBytes = 0 }, "max_image_bytes").SetArgDisplayNames("zero image limit");
        yield return new TestCaseData(ok with { MaxImageBytes = long.MaxValue }, "max_image_bytes").SetArgDisplayNames("absurd image limit");
        yield return new TestCaseData(ok with { Model = "" }, "model").SetArgDisplayNames("empty model");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Constructor_OptionOutOfRange_FailsWithInvalidArgumentNamingIt(OcrClientOptions options, string named)
    {
        var e = Expect.Failure(() => new OcrClient(options).Dispose());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain(named));
    }

    [Test]
    public void Constructor_LongestTimersAllowed_Succeeds()
    {
        var longest = TimeSpan.FromMilliseconds(int.MaxValue);

        Assert.DoesNotThrow(() => new OcrClient(TestClients.Options("http://127.0.0.1:1") with
        {
            Timeout = longest,
            ConnectTimeout = longest,
            IdleTimeout = longest,
            MaxRetryAfter = longest,
        }).Dispose());
    }

    [Test]
    public async Task RecognizeAsync_LongestTimeout_StillFailsFastOnRefusal()
    {
        var longest = TimeSpan.FromMilliseconds(int.MaxValue);
        using var client = new OcrClient(TestClients.Options($"http://127.0.0.1:{LoopbackPorts.Unused()}") with { Timeout = longest, IdleTimeout = longest });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
    }
}
