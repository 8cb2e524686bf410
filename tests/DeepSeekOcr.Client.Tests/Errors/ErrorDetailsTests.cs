using System.Globalization;
using DeepSeekOcr.Client.Tests.Support;
using WireMock.ResponseBuilders;

namespace DeepSeekOcr.Client.Tests.Errors;

/// <summary>
/// Every failure on an answer carries what the server said as fields, never only as text: the HTTP status, the
/// error object (message, type, param, code), the <c>x-request-id</c> and the <c>Retry-After</c>.
/// </summary>
public sealed class ErrorDetailsTests : MockServerFixture
{
    private const string RequestId = "req_8f2c41d0a7";
    private const string Key = TestClients.ApiKey;

    /// <summary>An OpenAI-style error object; <paramref name="param"/> and <paramref name="code"/> are JSON text.</summary>
    private static string ErrorObject(string message, string type, string param = "null", string code = "null") =>
        $$"""{"error":{"message":"{{message}}","type":"{{type}}","param":{{param}},"code":{{code}} } }""";

    private static IResponseBuilder ErrorAnswer(int status, string errorObject, string? requestId = RequestId)
    {
        var answer = MockServer.Json(errorObject, status);
        return requestId is null ? answer : answer.WithHeader("x-request-id", requestId);
    }

    private static OcrClient RetryingClient(string baseUrl, int maxRetries) =>
        new(TestClients.Options(baseUrl) with { MaxRetries = maxRetries });

    [TestCase(401, OcrStatus.Auth, "Incorrect API key provided", "invalid_request_error", null, "invalid_api_key")]
    [TestCase(404, OcrStatus.Http, "The model `gpt-9` does not exist", "invalid_request_error", "model", "model_not_found")]
    [TestCase(500, OcrStatus.Server, "The server had an error while processing your request", "server_error", null, null)]
    public async Task RecognizeAsync_ErrorObject_CarriesEveryFieldAndTheRequestId(int code, OcrStatus status, string message, string type, string? param, string? errorCode)
    {
        string json = ErrorObject(message, type, Json(param), Json(errorCode));
        Mock.Reply(ErrorAnswer(code, json));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(e.Status, Is.EqualTo(status));
            Assert.That(e.HttpStatus, Is.EqualTo(code));
            Assert.That(e.ServerError, Is.EqualTo(new ServerError(message, type, param, errorCode)));
            Assert.That(e.RequestId, Is.EqualTo(RequestId));
            Assert.That(e.RetryAfter, Is.Null);
        });
    }

    [Test]
    public async Task StreamAsync_ErrorObjectBeforeTheStream_CarriesEveryFieldAndTheRequestId()
    {
        Mock.Reply(ErrorAnswer(400, ErrorObject("'max_tokens' must be at least 1", "invalid_request_error", "\"max_tokens\"", "\"invalid_value\"")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.StreamAsync(TestClients.PngRequest()));

        Assert.That(e.HttpStatus, Is.EqualTo(400));
        Assert.That(e.ServerError, Is.EqualTo(new ServerError("'max_tokens' must be at least 1", "invalid_request_error", "max_tokens", "invalid_value")));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterSecondsAndNoRetries_CarriesTheWait()
    {
        Mock.Reply(ErrorAnswer(429, ErrorObject("Rate limit reached for requests", "requests", code: "\"rate_limit_exceeded\"")).WithHeader("Retry-After", "7"));
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 0);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(e.Status, Is.EqualTo(OcrStatus.RateLimited));
            Assert.That(e.HttpStatus, Is.EqualTo(429));
            Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(e.ServerError, Is.EqualTo(new ServerError("Rate limit reached for requests", "requests", null, "rate_limit_exceeded")));
            Assert.That(e.RequestId, Is.EqualTo(RequestId));
            Assert.That(Mock.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task RecognizeAsync_429WithRetryAfterDateAndNoRetries_CarriesTheWaitUntilThen()
    {
        // A fake clock at a whole second: the wait is read against the client's clock, so it is exact.
        var clock = new TestClock();
        string date = clock.GetUtcNow().AddMinutes(10).ToString("r", CultureInfo.InvariantCulture);
        Mock.Reply(ErrorAnswer(429, ErrorObject("slow down", "requests")).WithHeader("Retry-After", date));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxRetries = 0, TimeProvider = clock });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
    }

    [Test]
    public async Task RecognizeAsync_RetryAfterLongerThanTheClientWaits_KeepsEveryDetail()
    {
        Mock.Reply(ErrorAnswer(429, ErrorObject("quota exhausted", "insufficient_quota", code: "\"insufficient_quota\"")).WithHeader("Retry-After", "3600"));
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 2);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Message, Does.Contain("3600 s"));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(e.ServerError, Is.EqualTo(new ServerError("quota exhausted", "insufficient_quota", null, "insufficient_quota")));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RecognizeAsync_RetriedUntilNoRetryIsLeft_ReportsTheLastAnswer()
    {
        Mock.ReplyInTurn(
            ErrorAnswer(503, ErrorObject("first refusal", "overloaded", code: "\"first\""), "req_first").WithHeader("Retry-After", "0"),
            ErrorAnswer(503, ErrorObject("last refusal", "overloaded", code: "\"last\""), "req_last").WithHeader("Retry-After", "0"));
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 1);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(Mock.Requests, Has.Count.EqualTo(2));
        Assert.That(e.HttpStatus, Is.EqualTo(503));
        Assert.That(e.ServerError, Is.EqualTo(new ServerError("last refusal", "overloaded", null, "last")));
        Assert.That(e.RequestId, Is.EqualTo("req_last"));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("1234", "1234")]
    [TestCase("-7", "-7")]
    [TestCase("5e2", "500")]
    [TestCase("\"1234\"", "1234")]
    [TestCase("null", null)]
    public async Task RecognizeAsync_ErrorCodeNumberOrString_IsKeptAsDecimalText(string codeJson, string? expected)
    {
        Mock.Reply(ErrorAnswer(400, ErrorObject("bad", "invalid_request_error", code: codeJson)));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.ServerError?.Code, Is.EqualTo(expected));
    }

    [Test]
    public async Task RecognizeAsync_ErrorObjectWithOnlySomeFields_LeavesTheOthersNull()
    {
        Mock.Reply(ErrorAnswer(500, """{"error":{"message":"boom"}}"""));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.ServerError, Is.EqualTo(new ServerError("boom", null, null, null)));
    }

    [TestCase("text/plain", "upstream connect error")]
    [TestCase("text/html", "<html><title>502 Bad Gateway</title></html>")]
    [TestCase("application/json", """{"detail":"not an OpenAI error object"}""")]
    [TestCase("application/json", """{"error":"a string, not an object"}""")]
    public async Task RecognizeAsync_BodyThatIsNotAnErrorObject_HasNoServerErrorButTheStatusAndRequestId(string contentType, string body)
    {
        Mock.Reply(Response.Create().WithStatusCode(502).WithHeader("Content-Type", contentType).WithHeader("x-request-id", RequestId).WithBody(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.HttpStatus, Is.EqualTo(502));
        Assert.That(e.ServerError, Is.Null);
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [Test]
    public async Task RecognizeAsync_AnswerWithoutRequestId_HasNone()
    {
        Mock.Reply(ErrorAnswer(500, ErrorObject("boom", "server_error"), requestId: null));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.RequestId, Is.Null);
        Assert.That(e.ServerError?.Message, Is.EqualTo("boom"));
    }

    [Test]
    public async Task RecognizeAsync_ErrorObjectOn200_CarriesItAndTheRequestId()
    {
        Mock.Reply(ErrorAnswer(200, ErrorObject("model is overloaded", "server_error", code: "503")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.HttpStatus, Is.EqualTo(200));
        Assert.That(e.ServerError, Is.EqualTo(new ServerError("model is overloaded", "server_error", null, "503")));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [Test]
    public async Task MoveNextAsync_ErrorObjectMidStream_CarriesItAndTheRequestId()
    {
        string error = ErrorObject("CUDA out of memory", "InternalServerError", code: "500");
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("Par"), error, "[DONE]")).WithHeader("x-request-id", RequestId));
        using var client = TestClients.Create(Mock.BaseUrl);
        using var stream = await client.StreamAsync(TestClients.PngRequest());
        Assert.That(await stream.MoveNextAsync(), Is.True);

        var e = await Expect.FailureAsync(async () => await stream.MoveNextAsync());

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Server));
        Assert.That(e.HttpStatus, Is.EqualTo(200));
        Assert.That(e.ServerError, Is.EqualTo(new ServerError("CUDA out of memory", "InternalServerError", null, "500")));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [Test]
    public async Task MoveNextAsync_StreamEndsWithoutDone_CarriesTheRequestId()
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("partial"))).WithHeader("x-request-id", RequestId));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.ServerError, Is.Null);
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [Test]
    public async Task MoveNextAsync_ChunkThatIsNotJson_CarriesTheRequestId()
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("a"), "{not json", "[DONE]")).WithHeader("x-request-id", RequestId));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [TestCase("text/plain", "{}")]
    [TestCase("application/json", "not json at all")]
    [TestCase("application/json", """{"id":"a","choices":[]}""")]
    public async Task RecognizeAsync_MalformedAnswerOn200_CarriesTheRequestId(string contentType, string body)
    {
        Mock.Reply(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithHeader("x-request-id", RequestId).WithBody(body));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Protocol));
        Assert.That(e.HttpStatus, Is.EqualTo(200));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    [Test]
    public async Task RecognizeAsync_ServerEchoesTheKeyInEveryField_ServerErrorHasItRedacted()
    {
        Mock.Reply(ErrorAnswer(401, ErrorObject($"Incorrect API key provided: {Key}.", $"type {Key}", $"\"{Key}\"", $"\"code-{Key}\""), requestId: $"req-{Key}"));
        using var client = TestClients.Create(Mock.BaseUrl);

        // Expect.FailureAsync also asserts that the key is in no field.
        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.ServerError, Is.EqualTo(new ServerError("Incorrect API key provided: [redacted].", "type [redacted]", "[redacted]", "code-[redacted]")));
        Assert.That(e.RequestId, Is.EqualTo("req-[redacted]"));
        Assert.That(e.HttpStatus, Is.EqualTo(401));
    }

    [Test]
    public async Task RecognizeAsync_KeyOnlyInTheServerErrorsParam_IsRedactedAndTheMessageKept()
    {
        Mock.Reply(ErrorAnswer(400, ErrorObject("bad parameter", "invalid_request_error", $"\"{Key}\"")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.ServerError, Is.EqualTo(new ServerError("bad parameter", "invalid_request_error", "[redacted]", null)));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
        Assert.That(e.Message, Does.Contain("bad parameter"));
    }

    [Test]
    public async Task RecognizeAsync_KeyEchoedWithALongRetryAfter_IsRedactedAndEveryDetailKept()
    {
        Mock.Reply(ErrorAnswer(429, ErrorObject($"key {Key} is over quota", "insufficient_quota")).WithHeader("Retry-After", "3600"));
        using var client = RetryingClient(Mock.BaseUrl, maxRetries: 1);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.ServerError?.Message, Is.EqualTo("key [redacted] is over quota"));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
        Assert.That(e.Status, Is.EqualTo(OcrStatus.RateLimited));
    }

    [Test]
    public async Task MoveNextAsync_MidStreamErrorEchoesTheKey_ServerErrorHasItRedacted()
    {
        string error = ErrorObject($"token {Key} revoked", "authentication_error");
        Mock.Reply(MockServer.EventStream(Answers.Events("\n", Answers.Chunk("a"), error, "[DONE]")).WithHeader("x-request-id", RequestId));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => TestClients.StreamAllAsync(client, TestClients.PngRequest()));

        Assert.That(e.ServerError, Is.EqualTo(new ServerError("token [redacted] revoked", "authentication_error", null, null)));
        Assert.That(e.RequestId, Is.EqualTo(RequestId));
    }

    private static string Json(string? text) => text is null ? "null" : $"\"{text}\"";
}
