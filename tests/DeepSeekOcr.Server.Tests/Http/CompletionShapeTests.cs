using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>The answers have the hosted service's shape, whole and streamed.</summary>
[TestFixture]
public sealed class CompletionShapeTests : ServerProcessFixture
{
    private string _receipt = null!;

    [OneTimeSetUp]
    public void LoadSample() => _receipt = Samples.DataUrl("receipt.png");

    [Test]
    public async Task NonStreaming_ReturnsChatCompletionWithAssistantMessageAndUsage()
    {
        var response = await ChatRequests.CompleteAsync(Server.Http, ChatRequests.For(_receipt));

        Assert.Multiple(() =>
        {
            Assert.That(response.Id, Does.Match("^chatcmpl-[0-9a-f]{32}$"));
            Assert.That(response.Object, Is.EqualTo("chat.completion"));
            Assert.That(response.Created, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(60));
            Assert.That(response.Model, Is.EqualTo("deepseek-ocr"));
            Assert.That(response.Choices, Has.Count.EqualTo(1));
            Assert.That(response.Choices![0].Index, Is.Zero);
            Assert.That(response.Choices[0].Message!.Role, Is.EqualTo("assistant"));
            Assert.That(response.Choices[0].Message!.Content, Does.StartWith("CORNER BAKERY\n12 Mill Street"));
            Assert.That(response.Choices[0].FinishReason, Is.EqualTo("stop"));
            Assert.That(response.Usage!.CompletionTokens, Is.GreaterThan(20));
            Assert.That(response.Usage.PromptTokens, Is.GreaterThan(256), "the image counts 256 prompt tokens");
            Assert.That(response.Usage.TotalTokens, Is.EqualTo(response.Usage.PromptTokens + response.Usage.CompletionTokens));
        });
    }

    [Test]
    public async Task Streaming_SendsRoleChunkThenLinesThenFinishThenUsageThenDone()
    {
        var request = ChatRequests.For(_receipt);
        request.Stream = true;
        request.StreamOptions = new StreamOptions { IncludeUsage = true };
        var whole = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(_receipt));

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        var (chunks, sawDone) = await SseEvents.ReadAsync(response);

        Assert.That(sawDone, Is.True);
        Assert.That(chunks, Has.Count.GreaterThanOrEqualTo(5));
        var first = chunks[0];
        var usageChunk = chunks[^1];
        var finish = chunks[^2];
        var content = chunks.Skip(1).Take(chunks.Count - 3).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(chunks.Select(c => c.Id).Distinct().Count(), Is.EqualTo(1), "one id for the whole stream");
            Assert.That(chunks.All(c => c.Object == "chat.completion.chunk"), Is.True);
            Assert.That(first.Choices![0].Delta!.Role, Is.EqualTo("assistant"));
            Assert.That(content.All(c => c.Choices![0].Delta!.Content is { Length: > 0 } && c.Choices[0].FinishReason is null), Is.True);
            Assert.That(content.Skip(1).All(c => c.Choices![0].Delta!.Content!.StartsWith('\n')), Is.True, "one line per chunk, each after its newline");
            Assert.That(content.All(c => c.Choices![0].Delta!.Content!.Count(ch => ch == '\n') <= 1), Is.True, "one line per chunk");
            Assert.That(string.Concat(content.Select(c => c.Choices![0].Delta!.Content)), Is.EqualTo(whole));
            Assert.That(finish.Choices![0].FinishReason, Is.EqualTo("stop"));
            Assert.That(usageChunk.Choices, Is.Empty);
            Assert.That(usageChunk.Usage!.CompletionTokens, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Streaming_WithoutIncludeUsage_SendsNoUsageChunk()
    {
        var request = ChatRequests.For(_receipt);
        request.Stream = true;

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));
        var (chunks, sawDone) = await SseEvents.ReadAsync(response);

        Assert.That(sawDone, Is.True);
        Assert.That(chunks.Any(c => c.Usage is not null), Is.False);
        Assert.That(chunks[^1].Choices![0].FinishReason, Is.EqualTo("stop"));
    }

    [Test]
    public async Task MaxTokens_CutsTheTextAndReportsLength()
    {
        var whole = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(_receipt));
        var request = ChatRequests.For(_receipt);
        request.MaxTokens = 5;

        var response = await ChatRequests.CompleteAsync(Server.Http, request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Choices![0].FinishReason, Is.EqualTo("length"));
            Assert.That(response.Choices[0].Message!.Content, Is.EqualTo("CORNER BAKERY\n12 Mill Street"), "5 tokens: CORNER BAKERY 12 Mill Street");
            Assert.That(whole, Does.StartWith(response.Choices[0].Message!.Content!));
            Assert.That(response.Usage!.CompletionTokens, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task MaxTokens_WhileStreaming_EndsWithLength()
    {
        var request = ChatRequests.For(_receipt);
        request.Stream = true;
        request.MaxTokens = 3;
        request.StreamOptions = new StreamOptions { IncludeUsage = true };

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));
        var (chunks, _) = await SseEvents.ReadAsync(response);

        var text = string.Concat(chunks.Where(c => c.Choices is { Count: > 0 }).Select(c => c.Choices![0].Delta?.Content));
        Assert.That(text, Is.EqualTo("CORNER BAKERY\n12"));
        Assert.That(chunks[^2].Choices![0].FinishReason, Is.EqualTo("length"));
        Assert.That(chunks[^1].Usage!.CompletionTokens, Is.EqualTo(3));
    }

    [Test]
    public async Task MaxTokens_AboveTheOutput_FinishesWithStop()
    {
        var request = ChatRequests.For(_receipt);
        request.MaxTokens = 10_000;

        var response = await ChatRequests.CompleteAsync(Server.Http, request);

        Assert.That(response.Choices![0].FinishReason, Is.EqualTo("stop"));
    }

    [Test]
    public async Task PromptInAUserTextPart_IsUsed()
    {
        var request = new ChatCompletionRequest
        {
            Model = "deepseek-ocr",
            Messages =
            [
                new ChatMessage
                {
                    Role = "user",
                    Content = ChatContent.FromParts(
                    [
                        new ContentPart { Type = "text", Text = ChatRequests.MarkdownPlain },
                        new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = _receipt } },
                    ]),
                },
            ],
        };

        var content = await ChatRequests.ContentAsync(Server.Http, request);

        Assert.That(content, Does.Contain("| --- |"), "the markdown prompt was read from the text part");
    }

    [Test]
    public async Task SamplingOptionsToolsResponseFormatAndUnknownMembers_AreAccepted()
    {
        var request = ChatRequests.For(_receipt);
        request.Temperature = 0.7;
        request.TopP = 0.9;
        request.ResponseFormat = JsonDocument.Parse("""{"type":"text"}""").RootElement;
        request.Tools = JsonDocument.Parse("""[{"type":"function","function":{"name":"noop","parameters":{}}}]""").RootElement;
        request.ExtraBody = new() { ["skip_special_tokens"] = JsonDocument.Parse("false").RootElement };

        var content = await ChatRequests.ContentAsync(Server.Http, request);

        Assert.That(content, Does.StartWith("CORNER BAKERY"));
    }

    [Test]
    public async Task Models_ListsDeepSeekOcr()
    {
        var body = await Server.Http.GetStringAsync("/v1/models");
        var models = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ModelList)!;

        Assert.That(models.Object, Is.EqualTo("list"));
        Assert.That(models.Data.Select(m => m.Id), Is.EqualTo(new[] { "deepseek-ocr" }));
        Assert.That(models.Data[0].Object, Is.EqualTo("model"));
    }

    [Test]
    public async Task Health_IsOk()
    {
        using var response = await Server.Http.GetAsync("/health");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"ok"}"""));
    }
}
