using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Configuration;

/// <summary>
/// The base URL names the service's root, with or without the "/v1" every OpenAI client puts in it: both reach the
/// same endpoint, never ".../v1/v1/chat/completions".
/// </summary>
public sealed class BaseUrlTests : MockServerFixture
{
    [TestCase("", MockServer.CompletionsPath)]
    [TestCase("/", MockServer.CompletionsPath)]
    [TestCase("/v1", MockServer.CompletionsPath)]
    [TestCase("/v1/", MockServer.CompletionsPath)]
    [TestCase("/V1", MockServer.CompletionsPath)]
    [TestCase("/proxy", "/proxy/v1/chat/completions")]
    [TestCase("/proxy/v1", "/proxy/v1/chat/completions")]
    [TestCase("/v1/proxy", "/v1/proxy/v1/chat/completions")]
    public async Task RecognizeAsync_BaseUrlPath_PostsToItsChatCompletions(string basePath, string expectedPath)
    {
        Mock.Reply(MockServer.Json(Answers.Completion("ok")), expectedPath);
        using var client = TestClients.Create(Mock.BaseUrl + basePath);

        var result = await client.RecognizeAsync(TestClients.PngRequest());

        Assert.That(result.Text, Is.EqualTo("ok"));
        Assert.That(Mock.Requests.Select(r => r.Message().AbsolutePath), Is.EqualTo(new[] { expectedPath }));
    }

    [TestCase("http://v1:8000", "http://v1:8000/", "http://v1:8000/v1/chat/completions")]
    [TestCase("http://user:secret@127.0.0.1:8000/v1", "http://user:secret@127.0.0.1:8000/", "http://127.0.0.1:8000/v1/chat/completions")]
    [TestCase("https://api.example.com/openai/V1/", "https://api.example.com/openai", "https://api.example.com/openai/v1/chat/completions")]
    public void From_BaseUrl_OnlyAFinalV1PathSegmentIsDropped(string baseUrl, string expectedAddress, string expectedEndpoint)
    {
        var settings = OcrClientSettings.From(TestClients.Options(baseUrl) with { ApiKey = null, AllowInsecureHttp = true });

        Assert.That(settings.BaseAddress.ToString(), Is.EqualTo(expectedAddress));
        Assert.That(settings.Endpoint, Is.EqualTo(expectedEndpoint), "shown in messages: never with the user info");
    }

    [Test]
    public async Task StreamAsync_BaseUrlEndingInV1_PostsToV1ChatCompletions()
    {
        Mock.Reply(MockServer.EventStream(Answers.TypicalStream()));
        using var client = TestClients.Create(Mock.BaseUrl + "/v1");

        var (deltas, _) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());

        Assert.That(string.Concat(deltas), Is.EqualTo("Hello, world"));
        Assert.That(Mock.Requests.Single().Message().AbsolutePath, Is.EqualTo(MockServer.CompletionsPath));
    }
}
