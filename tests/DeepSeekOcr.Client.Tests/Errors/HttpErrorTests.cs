using DeepSeekOcr.Client.Tests.Support;
using WireMock.ResponseBuilders;

namespace DeepSeekOcr.Client.Tests.Errors;

/// <summary>Answers that are not a success: the status, the HTTP code and the server's own words reach the caller.</summary>
public sealed class HttpErrorTests : MockServerFixture
{
    [TestCase(400, OcrStatus.Http, "Invalid image: could not decode")]
    [TestCase(401, OcrStatus.Auth, "Incorrect API key provided")]
    [TestCase(403, OcrStatus.Auth, "Your account is not allowed to use this model")]
    [TestCase(404, OcrStatus.Http, "The model `deepseek-ocr` does not exist")]
    [TestCase(408, OcrStatus.Http, "Request timed out")]
    [TestCase(413, OcrStatus.Http, "Request entity too large")]
    [TestCase(422, OcrStatus.Http, "temperature: must be at most 2")]
    [TestCase(429, OcrStatus.RateLimited, "Rate limit reached for requests")]
    [TestCase(500, OcrStatus.Server, "The server had an error while processing your request")]
    [TestCase(503, OcrStatus.Server, "The engine is currently overloaded")]
    [TestCase(504, OcrStatus.Server, "Upstream timed out")]
    public async Task RecognizeAsync_OpenAiErrorBody_FailsWithMatchingStatusAndTheServerMessage(int code, OcrStatus status, string message)
    {
        Mock.Reply(MockServer.Error(code, message));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(e.Status, Is.EqualTo(status));
            Assert.That(e.HttpStatus, Is.EqualTo(code));
            Assert.That(e.Message, Does.Contain(message));
            Assert.That(e.Message, Does.StartWith($"HTTP {code}"));
        });
    }

    [TestCase(400, OcrStatus.Http)]
    [TestCase(401, OcrStatus.Auth)]
    [TestCase(429, OcrStatus.RateLimited)]
    [TestCase(500, OcrStatus.Server)]
    public async Task StreamAsync_OpenAiErrorBody_FailsBeforeAnyPieceWithTheServerMessage(int code, OcrStatus status)
    {
        Mock.Reply(MockServer.Error(code, $"stream refused with {code}"));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.StreamAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(status));
        Assert.That(e.HttpStatus, Is.EqualTo(code));
        Assert.That(e.Message, Does.Contain($"stream refused with {code}"));
    }

    [Test]
    public async Task RecognizeAsync_HtmlPageFromProxy_SaysItIsAnHtmlPageAndGivesItsTitle()
    {
        const string page = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
            <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center>
            <script>var x = "a lot of markup nobody wants in an error message";</script></body></html>
            """;
        Mock.Reply(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html; charset=utf-8").WithBody(page));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.HttpStatus, Is.EqualTo(502));
        Assert.That(e.Message, Does.Contain("HTML page").And.Contain("\"502 Bad Gateway\""));
        Assert.That(e.Message, Does.Not.Contain("<script>").And.Not.Contain("markup nobody wants"));
    }

    [Test]
    public async Task RecognizeAsync_PlainTextErrorBody_QuotesItOnOneLine()
    {
        Mock.Reply(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/plain").WithBody("upstream\nconnect error\r\nor disconnect"));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Message, Does.Contain("upstream connect error or disconnect"));
    }

    [Test]
    public async Task RecognizeAsync_HugeErrorBody_IsCutShort()
    {
        Mock.Reply(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/plain").WithBody(new string('e', 1_000_000)));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.Message, Has.Length.LessThan(1000));
    }

    [Test]
    public async Task RecognizeAsync_EmptyErrorBody_SaysTheBodyWasEmpty()
    {
        Mock.Reply(Response.Create().WithStatusCode(404));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Http));
        Assert.That(e.Message, Does.Contain("HTTP 404").And.Contain("empty body"));
    }

    [TestCase(301)]
    [TestCase(302)]
    [TestCase(307)]
    [TestCase(308)]
    public async Task RecognizeAsync_Redirect_IsNotFollowedAndNamesTheTarget(int code)
    {
        string target = Mock.BaseUrl + "/elsewhere/v1/chat/completions";
        Mock.Reply(Response.Create().WithStatusCode(code).WithHeader("Location", target));
        Mock.Reply(MockServer.Json(Answers.Completion("must not be reached")), "/elsewhere/v1/chat/completions");
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Http));
        Assert.That(e.HttpStatus, Is.EqualTo(code));
        Assert.That(e.Message, Does.Contain("redirected to " + target));
        Assert.That(Mock.Requests.Select(r => r.Message().AbsolutePath), Is.EqualTo(new[] { MockServer.CompletionsPath }), "the redirect must not be followed");
    }
}
