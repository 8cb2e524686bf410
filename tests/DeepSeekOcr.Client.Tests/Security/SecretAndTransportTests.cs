using DeepSeekOcr.Client.Tests.Support;
using WireMock.ResponseBuilders;

namespace DeepSeekOcr.Client.Tests.Security;

/// <summary>
/// The API key stays secret on every failure path (even when a server echoes it back), is never sent in clear to a
/// remote host unless allowed, and TLS certificates are always verified.
/// </summary>
public sealed class SecretAndTransportTests : MockServerFixture
{
    private const string Key = TestClients.ApiKey;

    private static IEnumerable<TestCaseData> EchoingAnswers()
    {
        yield return new TestCaseData(MockServer.Error(401, $"Incorrect API key provided: {Key}. You can find your key at ..."), OcrStatus.Auth).SetArgDisplayNames("401 error object");
        yield return new TestCaseData(MockServer.Error(200, $"key {Key} is over quota"), OcrStatus.Server).SetArgDisplayNames("200 error object");
        yield return new TestCaseData(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody($"<html><title>Bad key {Key}</title></html>"), OcrStatus.Server).SetArgDisplayNames("HTML title");
        yield return new TestCaseData(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/plain").WithBody($"Authorization: Bearer {Key}"), OcrStatus.Server).SetArgDisplayNames("plain text body");
        yield return new TestCaseData(Response.Create().WithStatusCode(302).WithHeader("Location", $"http://127.0.0.1:1/login?key={Key}"), OcrStatus.Http).SetArgDisplayNames("redirect location");
        yield return new TestCaseData(Response.Create().WithStatusCode(200).WithHeader("Content-Type", $"text/{Key}").WithBody("{}"), OcrStatus.Protocol).SetArgDisplayNames("content type");
    }

    [TestCaseSource(nameof(EchoingAnswers))]
    public async Task RecognizeAsync_ServerEchoesTheKey_MessageHasItRedacted(IResponseBuilder answer, OcrStatus status)
    {
        Mock.Reply(answer);
        using var client = TestClients.Create(Mock.BaseUrl);

        // Expect.FailureAsync asserts the key is in no message of the exception chain.
        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(status));
        Assert.That(e.Message, Does.Contain("[redacted]"));
    }

    [Test]
    public async Task MoveNextAsync_MidStreamErrorEchoesTheKey_MessageHasItRedacted()
    {
        string error = $$"""{"error":{"message":"token {{Key}} revoked"} }""";
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("a"), error, "[DONE]")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.Message, Does.Contain("token [redacted] revoked"));
    }

    [Test]
    public async Task StreamAsync_ErrorStatusEchoesTheKey_MessageHasItRedacted()
    {
        Mock.Reply(MockServer.Error(403, $"{Key} may not use deepseek-ocr"));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.StreamAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Auth));
        Assert.That(e.Message, Does.Contain("[redacted] may not use"));
    }

    [Test]
    public async Task RecognizeAsync_ConnectionRefused_MessageHoldsNoKey()
    {
        using var client = TestClients.Create($"http://127.0.0.1:{LoopbackPorts.Unused()}");

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
    }

    [Test]
    public void Constructor_KeyWithLineBreak_FailsWithInvalidArgumentWithoutQuotingTheKey()
    {
        var e = Expect.Failure(() => new OcrClient(TestClients.Options(Mock.BaseUrl) with { ApiKey = Key + "\r\nX-Injected: 1" }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain("ApiKey"));
    }

    [TestCase("http://example.com")]
    [TestCase("http://10.1.2.3:8000")]
    [TestCase("http://192.168.1.20/v1proxy")]
    [TestCase("http://localhost.example.com")]
    public void Constructor_KeyOverPlainHttpToRemoteHost_FailsWithInvalidArgument(string baseUrl)
    {
        var e = Expect.Failure(() => new OcrClient(TestClients.Options(baseUrl)));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain("plain http").And.Contain(new Uri(baseUrl).Host).And.Contain("AllowInsecureHttp"));
    }

    [TestCase("http://example.com")]
    [TestCase("http://10.1.2.3:8000")]
    public void Constructor_KeyOverPlainHttpToRemoteHostWhenAllowed_Succeeds(string baseUrl)
    {
        Assert.DoesNotThrow(() => new OcrClient(TestClients.Options(baseUrl) with { AllowInsecureHttp = true }).Dispose());
    }

    [TestCase("http://127.0.0.1:8000")]
    [TestCase("http://127.0.0.2:8000")]
    [TestCase("http://localhost:8000")]
    [TestCase("http://[::1]:8000")]
    [TestCase("https://example.com")]
    public void Constructor_KeyOverLoopbackOrHttps_Succeeds(string baseUrl)
    {
        Assert.DoesNotThrow(() => new OcrClient(TestClients.Options(baseUrl)).Dispose());
    }

    [TestCase("not a url")]
    [TestCase("ftp://127.0.0.1/")]
    [TestCase("http://127.0.0.1:8000/?q=1")]
    [TestCase("/v1/chat/completions")]
    public void Constructor_InvalidBaseUrl_FailsWithInvalidArgumentNamingIt(string baseUrl)
    {
        var e = Expect.Failure(() => new OcrClient(TestClients.Options(baseUrl)));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain($"BaseUrl '{baseUrl}'"));
    }

    [Test]
    public async Task RecognizeAsync_SelfSignedCertificate_IsRefusedWithNetwork()
    {
        await using var tls = new SelfSignedTlsServer();
        using var client = TestClients.Create(tls.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("SSL").Or.Contain("certificate"));
        Assert.That(tls.RequestsReceived, Is.EqualTo(0), "nothing may be sent through a connection with an untrusted certificate");
    }
}
