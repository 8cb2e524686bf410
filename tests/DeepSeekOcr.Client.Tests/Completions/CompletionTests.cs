using System.Text;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Completions;

/// <summary>Whole (non-streamed) answers: every field of the result, and answers that are not what they claim.</summary>
public sealed class CompletionTests : MockServerFixture
{
    [Test]
    public async Task RecognizeAsync_Success_ReturnsEveryFieldOfTheAnswer()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("Invoice 42\nTotal: 17.00", prompt: 900, completion: 11)));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo("Invoice 42\nTotal: 17.00"));
            Assert.That(result.TextUtf8.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes("Invoice 42\nTotal: 17.00")));
            Assert.That(result.FinishReason, Is.EqualTo("stop"));
            Assert.That(result.Id, Is.EqualTo(Answers.Id));
            Assert.That(result.Model, Is.EqualTo(Answers.Model));
            Assert.That(result.Created, Is.EqualTo(Answers.Created));
            Assert.That(result.Usage, Is.EqualTo(new OcrUsage(900, 11, 911)));
            Assert.That(result.HttpStatus, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task RecognizeAsync_CutByMaxTokens_ReportsFinishReasonLength()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("Invoice", finishReason: "length")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(TestClients.PngRequest() with { MaxTokens = 1 });

        Assert.That(result.FinishReason, Is.EqualTo("length"));
    }

    [Test]
    public async Task RecognizeAsync_NonAsciiAndEscapedText_ReturnsTheExactUtf8()
    {
        // Raw UTF-8, a \u escape and an escaped surrogate pair, as servers variously send them.
        Mock.Reply(MockServer.Json(Answers.Completion("x").Replace("\"content\":\"x\"", "\"content\":\"Straße \\u00e9 日本語 \\ud83d\\ude00\"", StringComparison.Ordinal)));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("Straße é 日本語 😀"));
        Assert.That(result.TextUtf8.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes("Straße é 日本語 😀")));
    }

    [Test]
    public async Task RecognizeAsync_AnswerWithoutUsage_ReportsZeroTokens()
    {
        Mock.Reply(MockServer.Json("""{"id":"a","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"t"},"finish_reason":"stop"}]}"""));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("t"));
        Assert.That(result.Usage, Is.EqualTo(default(OcrUsage)));
    }

    [TestCase("""{"id":"a","choices":[{"message":{"content":"t"}""", "not valid JSON")]
    [TestCase("not json at all", "not valid JSON")]
    [TestCase("""{"id":"a","object":"chat.completion","choices":[]}""", "no choices")]
    [TestCase("""{"id":"a","object":"chat.completion"}""", "no choices")]
    public async Task RecognizeAsync_MalformedAnswerOn200_FailsWithProtocol(string body, string problem)
    {
        Mock.Reply(MockServer.Json(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain(problem));
        Assert.That(e.HttpStatus, Is.EqualTo(200));
    }

    [Test]
    public async Task RecognizeAsync_ErrorObjectOn200_FailsWithServerAndItsMessage()
    {
        Mock.Reply(MockServer.Error(200, "model is overloaded, try later", "server_error"));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.Message, Does.Contain("model is overloaded, try later"));
        Assert.That(e.HttpStatus, Is.EqualTo(200));
    }

    [TestCase("text/html")]
    [TestCase("text/event-stream")]
    [TestCase("text/plain")]
    public async Task RecognizeAsync_WrongContentType_FailsWithProtocolNamingIt(string contentType)
    {
        Mock.Reply(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain($"'{contentType}'").And.Contain("'application/json'"));
    }

    [Test]
    public async Task RecognizeAsync_AnswerOverMaxResponseBytes_FailsWithProtocol()
    {
        Mock.Reply(MockServer.Json(Answers.Completion(new string('a', 10_000))));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxResponseBytes = 4096 });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.Message, Does.Contain("longer than 4096 bytes"));
    }
}
