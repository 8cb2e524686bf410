using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Configuration;

/// <summary>Options out of range are refused when the client is made, naming the option, instead of failing later.</summary>
public sealed class OptionsValidationTests
{
    private static readonly TimeSpan TooLong = TimeSpan.FromDays(100);

    private static IEnumerable<TestCaseData> BadOptions()
    {
        var ok = TestClients.Options("http://127.0.0.1:1");
        yield return new TestCaseData(ok with { Timeout = TimeSpan.Zero }, "Timeout").SetArgDisplayNames("zero timeout");
        yield return new TestCaseData(ok with { Timeout = TimeSpan.FromMilliseconds(-5) }, "Timeout").SetArgDisplayNames("negative timeout");
        yield return new TestCaseData(ok with { Timeout = TooLong }, "Timeout").SetArgDisplayNames("timeout beyond timers");
        yield return new TestCaseData(ok with { Timeout = TimeSpan.MaxValue }, "Timeout").SetArgDisplayNames("TimeSpan.MaxValue timeout");
        yield return new TestCaseData(ok with { ConnectTimeout = TimeSpan.Zero }, "ConnectTimeout").SetArgDisplayNames("zero connect timeout");
        yield return new TestCaseData(ok with { ConnectTimeout = TooLong }, "ConnectTimeout").SetArgDisplayNames("connect timeout beyond timers");
        yield return new TestCaseData(ok with { IdleTimeout = TimeSpan.Zero }, "IdleTimeout").SetArgDisplayNames("zero idle timeout");
        yield return new TestCaseData(ok with { IdleTimeout = TooLong }, "IdleTimeout").SetArgDisplayNames("idle timeout beyond timers");
        yield return new TestCaseData(ok with { MaxRetryAfter = TimeSpan.FromSeconds(-1) }, "Retry-After").SetArgDisplayNames("negative retry-after cap");
        yield return new TestCaseData(ok with { MaxRetryAfter = TooLong }, "Retry-After").SetArgDisplayNames("retry-after cap beyond timers");
        yield return new TestCaseData(ok with { MaxRetries = -1 }, "MaxRetries").SetArgDisplayNames("negative retries");
        yield return new TestCaseData(ok with { MaxRetries = 1000 }, "MaxRetries").SetArgDisplayNames("absurd retries");
        yield return new TestCaseData(ok with { MaxImageBytes = 0 }, "MaxImageBytes").SetArgDisplayNames("zero image limit");
        yield return new TestCaseData(ok with { MaxImageBytes = long.MaxValue }, "MaxImageBytes").SetArgDisplayNames("absurd image limit");
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
