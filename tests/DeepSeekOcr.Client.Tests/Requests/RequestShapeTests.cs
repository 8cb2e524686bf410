using System.Text;
using System.Text.Json;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Requests;

/// <summary>The request on the wire: path, headers and body, byte for byte where it matters.</summary>
public sealed class RequestShapeTests : MockServerWithFilesFixture
{
    [Test]
    public async Task RecognizeAsync_AnyRequest_PostsToChatCompletionsPath()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
        Assert.That(Mock.Requests[0].Message().Method, Is.EqualTo("POST"));
        Assert.That(Mock.Requests[0].Message().AbsolutePath, Is.EqualTo("/v1/chat/completions"));
    }

    [TestCase("/prefix")]
    [TestCase("/prefix/")]
    [TestCase("/api/openai")]
    public async Task RecognizeAsync_BaseUrlWithPathPrefix_PostsUnderThePrefix(string prefix)
    {
        string expected = prefix.TrimEnd('/') + "/v1/chat/completions";
        Mock.Reply(MockServer.Json(Answers.Completion("under prefix")), expected);
        using var client = TestClients.Create(Mock.BaseUrl + prefix);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(Mock.Requests.Select(r => r.Message().AbsolutePath), Is.EqualTo(new[] { expected }));
        Assert.That(result.Text, Is.EqualTo("under prefix"));
    }

    [Test]
    public async Task RecognizeAsync_WithApiKey_SendsJsonHeadersAndBearerToken()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest());

        var request = Mock.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Header("Content-Type"), Is.EqualTo("application/json"));
            Assert.That(request.Header("Accept"), Is.EqualTo("application/json"));
            Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer " + TestClients.ApiKey));
        });
    }

    [Test]
    public async Task StreamAsync_WithApiKey_AcceptsEventStreamAndSendsBearerToken()
    {
        Mock.Reply(MockServer.EventStream(Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl);

        await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        var request = Mock.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Header("Content-Type"), Is.EqualTo("application/json"));
            Assert.That(request.Header("Accept"), Is.EqualTo("text/event-stream"));
            Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer " + TestClients.ApiKey));
            Assert.That(request.HasHeader("Transfer-Encoding"), Is.False, "the body must not be chunked");
            Assert.That(request.Header("Content-Length"), Is.EqualTo(request.Body().Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    [NonParallelizable]
    public async Task RecognizeAsync_WithoutApiKey_SendsNoAuthorizationHeader()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        string? saved = Environment.GetEnvironmentVariable(OcrClientOptions.ApiKeyVariable);
        Environment.SetEnvironmentVariable(OcrClientOptions.ApiKeyVariable, null);
        try
        {
            using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { ApiKey = null });
            await client.RecognizeAsync(TestClients.PngRequest());
        }
        finally
        {
            Environment.SetEnvironmentVariable(OcrClientOptions.ApiKeyVariable, saved);
        }

        Assert.That(Mock.Requests.Single().HasHeader("Authorization"), Is.False);
    }

    [Test]
    public async Task RecognizeAsync_LargeImageFile_SendsExactContentLengthNotChunked()
    {
        // Over two of the (just under) 192 KiB pieces the image is encoded in, and not a multiple of 3: every kind of
        // seam is crossed, between full pieces and into a short last one.
        byte[] image = TestImages.PngOfLength(500_001);
        string path = Files.Write("large.png", image);
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) });

        var request = Mock.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.HasHeader("Transfer-Encoding"), Is.False, "the body must not be chunked");
            Assert.That(request.Header("Content-Length"), Is.EqualTo(request.Body().Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(request.ImageUrl(), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(image)));
        });
    }

    [Test]
    public async Task RecognizeAsync_DefaultRequest_SendsModelPromptAndImageOnly()
    {
        string path = Files.Write("page.png", TestImages.Png);
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) });

        var body = Mock.Requests.Single().BodyJson();
        Assert.Multiple(() =>
        {
            Assert.That(MemberNames(body), Is.EquivalentTo(new[] { "model", "messages" }), "nothing unset may be sent, stream included");
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("deepseek-ocr"));
            var messages = body.GetProperty("messages");
            Assert.That(messages.GetArrayLength(), Is.EqualTo(2));
            Assert.That(messages[0].GetProperty("role").GetString(), Is.EqualTo("system"));
            Assert.That(messages[0].GetProperty("content").GetString(), Is.EqualTo("<image>\nFree OCR."));
            Assert.That(messages[1].GetProperty("role").GetString(), Is.EqualTo("user"));
            var parts = messages[1].GetProperty("content");
            Assert.That(parts.GetArrayLength(), Is.EqualTo(1));
            Assert.That(parts[0].GetProperty("type").GetString(), Is.EqualTo("image_url"));
            Assert.That(Mock.Requests.Single().ImageUrl(), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(path))));
        });
    }

    [Test]
    public async Task RecognizeAsync_CustomModelAndPrompt_SendsThem()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { Model = "deepseek-ocr-large" });

        await client.RecognizeAsync(TestClients.PngRequest() with { Prompt = "<image>\n<|grounding|>Convert the document to markdown." });

        var body = Mock.Requests.Single().BodyJson();
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("deepseek-ocr-large"));
        Assert.That(body.GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo("<image>\n<|grounding|>Convert the document to markdown."));
    }

    [Test]
    public async Task StreamAsync_AnyRequest_AsksForStreamAndUsage()
    {
        Mock.Reply(MockServer.EventStream(Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl);

        await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        var body = Mock.Requests.Single().BodyJson();
        Assert.That(body.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("stream_options").GetRawText(), Is.EqualTo("""{"include_usage":true}"""));
    }

    [Test]
    public async Task RecognizeAsync_EveryOptionSet_SendsEachExactly()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest() with
        {
            MaxTokens = 256,
            Temperature = 0.25,
            TopP = 0.9,
            ResponseFormatJson = """{"type":"json_object"}""",
            ToolsJson = """[{"type":"function","function":{"name":"f","parameters":{}}}]""",
        });

        var body = Mock.Requests.Single().BodyJson();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(256));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.25));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.9));
            Assert.That(body.GetProperty("response_format").GetRawText(), Is.EqualTo("""{"type":"json_object"}"""));
            Assert.That(body.GetProperty("tools").GetRawText(), Is.EqualTo("""[{"type":"function","function":{"name":"f","parameters":{}}}]"""));
        });
    }

    [Test]
    public async Task RecognizeAsync_ExtraBody_MergesItsMembersIntoTheBody()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest() with
        {
            MaxTokens = 10,
            ExtraBodyJson = """{"skip_special_tokens":false,"top_k":1,"vllm_xargs":{"ngram_size":30}}""",
        });

        var body = Mock.Requests.Single().BodyJson();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("skip_special_tokens").GetBoolean(), Is.False);
            Assert.That(body.GetProperty("top_k").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("vllm_xargs").GetRawText(), Is.EqualTo("""{"ngram_size":30}"""));
            Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(10));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("deepseek-ocr"));
        });
    }

    [Test]
    public async Task RecognizeAsync_ExtraBodySetsAnOptionLeftUnset_SendsTheExtraValue()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest() with { ExtraBodyJson = """{"max_tokens":7}""" });

        Assert.That(Mock.Requests.Single().BodyJson().GetProperty("max_tokens").GetInt32(), Is.EqualTo(7));
    }

    [TestCase("""{"model":"other"}""", "model")]
    [TestCase("""{"messages":[]}""", "messages")]
    [TestCase("""{"stream":true}""", "stream")]
    [TestCase("""{"stream_options":{}}""", "stream_options")]
    [TestCase("""{"max_tokens":5}""", "max_tokens")]
    [TestCase("""{"temperature":1}""", "temperature")]
    [TestCase("""{"top_p":1}""", "top_p")]
    [TestCase("""{"response_format":{}}""", "response_format")]
    [TestCase("""{"tools":[]}""", "tools")]
    public async Task RecognizeAsync_ExtraBodyCollidesWithTheRequest_FailsWithInvalidArgumentBeforeSending(string extra, string member)
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);
        var request = TestClients.PngRequest() with
        {
            MaxTokens = 100,
            Temperature = 0.5,
            TopP = 0.5,
            ResponseFormatJson = """{"type":"text"}""",
            ToolsJson = "[]",
            ExtraBodyJson = extra,
        };

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(request));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain("ExtraBodyJson").And.Contain($"'{member}'"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [TestCase("ResponseFormatJson", "[1]", "must be a JSON object")]
    [TestCase("ResponseFormatJson", "{oops", "not valid JSON")]
    [TestCase("ToolsJson", """{"type":"function"}""", "must be a JSON array")]
    [TestCase("ExtraBodyJson", "42", "must be a JSON object")]
    [TestCase("ExtraBodyJson", "", "not valid JSON")]
    public async Task RecognizeAsync_BadJsonOption_FailsWithInvalidArgumentNamingTheField(string field, string json, string problem)
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);
        var request = field switch
        {
            "ResponseFormatJson" => TestClients.PngRequest() with { ResponseFormatJson = json },
            "ToolsJson" => TestClients.PngRequest() with { ToolsJson = json },
            _ => TestClients.PngRequest() with { ExtraBodyJson = json },
        };

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(request));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.StartWith(field).And.Contain(problem));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [TestCase(0, double.NaN, double.NaN, "MaxTokens")]
    [TestCase(-5, double.NaN, double.NaN, "MaxTokens")]
    [TestCase(null, 2.5, double.NaN, "Temperature")]
    [TestCase(null, double.NaN, double.NaN, "Temperature")]
    [TestCase(null, double.PositiveInfinity, double.NaN, "Temperature")]
    [TestCase(null, 1.0, 1.5, "TopP")]
    [TestCase(null, 1.0, -0.1, "TopP")]
    public async Task RecognizeAsync_OutOfRangeOption_FailsWithInvalidArgumentNamingIt(int? maxTokens, double temperature, double topP, string field)
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);
        // NaN in a test case stands for "set to NaN" only for the field under test; elsewhere it means unset.
        var request = TestClients.PngRequest() with
        {
            MaxTokens = maxTokens,
            Temperature = field == "Temperature" || !double.IsNaN(temperature) ? temperature : null,
            TopP = field == "TopP" || !double.IsNaN(topP) ? topP : null,
        };

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(request));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.StartWith(field));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [TestCase("https://example.com/scan.png")]
    [TestCase("data:image/jpeg;base64,/9j/4AAQ")]
    public async Task RecognizeAsync_ImageUrl_SendsTheUrlAsIs(string url)
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromUrl(url) });

        var request = Mock.Requests.Single();
        Assert.That(request.ImageUrl(), Is.EqualTo(url));
        Assert.That(request.Header("Content-Length"), Is.EqualTo(request.Body().Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("ftp://example.com/a.png")]
    [TestCase("file:///tmp/a.png")]
    [TestCase("data:image/png;base64")]
    public void FromUrl_NotHttpOrDataUrl_FailsWithInvalidArgument(string url)
    {
        var e = Expect.Failure(() => ImageSource.FromUrl(url));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.StartWith("the image URL"));
    }

    private static IEnumerable<string> MemberNames(JsonElement body) => body.EnumerateObject().Select(m => m.Name);
}
