using System.Text.Json;
using DeepSeekOcr.Client.Tests.Support;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DeepSeekOcr.Client.Tests.Concurrency;

/// <summary>One client used by many threads at once: every call gets its own answer, none is lost or crossed.</summary>
public sealed class SharedClientTests : MockServerFixture
{
    private const int Threads = 16;
    private const int RequestsPerThread = 20;

    [Test]
    public async Task RecognizeAndStream_SixteenThreadsShareOneClient_EveryCallGetsItsOwnAnswer()
    {
        // The server answers with the prompt it received, so a crossed or mangled request shows in the result.
        Mock.Server.Given(Request.Create().WithPath(MockServer.CompletionsPath).UsingPost().WithBody((string? body) => IsStreaming(body)))
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(r => Answers.Events("\n", Answers.RoleChunk(), Answers.Chunk("echo: "), Answers.Chunk(PromptOf(r)), Answers.UsageChunk(), "[DONE]")));
        Mock.Server.Given(Request.Create().WithPath(MockServer.CompletionsPath).UsingPost().WithBody((string? body) => !IsStreaming(body)))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(r => Answers.Completion("echo: " + PromptOf(r))));
        using var client = TestClients.Create(Mock.BaseUrl);

        var workers = Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
        {
            var failures = new List<string>();
            for (int i = 0; i < RequestsPerThread; i++)
            {
                string prompt = $"thread {thread} request {i} — ünïcode";
                var request = TestClients.PngRequest() with { Prompt = prompt };
                string text = (thread + i) % 2 == 0
                    ? (await client.RecognizeAsync(request)).Text
                    : (await TestClients.StreamAllAsync(client, request)).Result.Text;
                if (text != "echo: " + prompt)
                {
                    failures.Add($"{prompt} -> {text}");
                }
            }

            return failures;
        })).ToArray();

        var failures = (await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(f => f).ToList();

        Assert.That(failures, Is.Empty);
        Assert.That(Mock.Requests, Has.Count.EqualTo(Threads * RequestsPerThread));
    }

    private static bool IsStreaming(string? body) => body?.Contains("\"stream\":true", StringComparison.Ordinal) == true;

    private static string PromptOf(IRequestMessage request)
    {
        using var body = JsonDocument.Parse(request.BodyAsBytes ?? []);
        return body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString() ?? "";
    }
}
