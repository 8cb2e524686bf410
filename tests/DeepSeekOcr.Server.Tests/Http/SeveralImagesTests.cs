using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// Several image_url parts (the service's FAQ Q4) give one answer: each image's answer in order, joined by a
/// "&lt;--- Page Split ---&gt;" line between blank lines; streamed the same, usage counting every image.
/// </summary>
[TestFixture]
public sealed class SeveralImagesTests : ServerProcessFixture
{
    private const string Split = "\n\n<--- Page Split --->\n\n";

    private string _receipt = null!;
    private string _screenshot = null!;

    [OneTimeSetUp]
    public void LoadSamples()
    {
        _receipt = Samples.DataUrl("receipt.png");
        _screenshot = Samples.DataUrl("screenshot.png");
    }

    [TestCase(ChatRequests.FreeOcr)]
    [TestCase(ChatRequests.MarkdownPlain)]
    [TestCase(ChatRequests.Grounding)]
    public async Task TwoImages_AreAnsweredInOrderJoinedByThePageSplit(string prompt)
    {
        var first = await ChatRequests.CompleteAsync(Server.Http, ChatRequests.For(_receipt, prompt));
        var second = await ChatRequests.CompleteAsync(Server.Http, ChatRequests.For(_screenshot, prompt));

        var both = await ChatRequests.CompleteAsync(Server.Http, TwoImages(_receipt, _screenshot, prompt));

        Assert.Multiple(() =>
        {
            Assert.That(both.Choices![0].Message!.Content, Is.EqualTo(first.Choices![0].Message!.Content + Split + second.Choices![0].Message!.Content));
            Assert.That(both.Choices[0].FinishReason, Is.EqualTo("stop"));
            Assert.That(both.Usage!.PromptTokens, Is.EqualTo(first.Usage!.PromptTokens + 256), "256 prompt tokens per image");
            Assert.That(both.Usage.CompletionTokens, Is.GreaterThan(first.Usage.CompletionTokens + second.Usage!.CompletionTokens));
        });
    }

    [Test]
    public async Task ImagesInSeparateUserMessages_AreReadInOrder()
    {
        var request = ChatRequests.For(_screenshot);
        request.Messages.Add(new ChatMessage
        {
            Role = "user",
            Content = ChatContent.FromParts([new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = _receipt } }]),
        });

        var content = await ChatRequests.ContentAsync(Server.Http, request);

        var parts = content.Split(Split);
        Assert.That(parts, Has.Length.EqualTo(2));
        Assert.That(CharacterErrorRate.Of(parts[0], Samples.GroundTruth("screenshot")), Is.LessThanOrEqualTo(0.02));
        Assert.That(CharacterErrorRate.Of(parts[1], Samples.GroundTruth("receipt")), Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public async Task Streamed_IsTheSameTextAsWhole()
    {
        var whole = await ChatRequests.ContentAsync(Server.Http, TwoImages(_receipt, _screenshot));
        var request = TwoImages(_receipt, _screenshot);
        request.Stream = true;
        request.StreamOptions = new StreamOptions { IncludeUsage = true };

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));
        var (chunks, sawDone) = await SseEvents.ReadAsync(response);

        Assert.That(sawDone, Is.True);
        Assert.That(string.Concat(chunks.SelectMany(chunk => chunk.Choices!).Select(choice => choice.Delta?.Content)), Is.EqualTo(whole));
        Assert.That(chunks[^1].Usage!.PromptTokens, Is.GreaterThan(512));
    }

    [Test]
    public async Task MaxTokensSpentInTheFirstImage_EndsTheAnswerThere()
    {
        var request = TwoImages(_receipt, _screenshot);
        request.MaxTokens = 5;

        var response = await ChatRequests.CompleteAsync(Server.Http, request);

        Assert.That(response.Choices![0].FinishReason, Is.EqualTo("length"));
        Assert.That(response.Choices[0].Message!.Content, Does.StartWith("CORNER BAKERY").And.Not.Contain("Page Split"));
        Assert.That(response.Usage!.CompletionTokens, Is.EqualTo(5));
    }

    [Test]
    public async Task JsonMode_IsOneObjectWithEachRegionsImage()
    {
        var request = TwoImages(_receipt, _screenshot);
        request.ResponseFormat = JsonDocument.Parse("""{"type":"json_object"}""").RootElement;

        var content = await ChatRequests.ContentAsync(Server.Http, request);

        using var answer = JsonDocument.Parse(content);
        var text = answer.RootElement.GetProperty("text").GetString()!;
        var images = answer.RootElement.GetProperty("regions").EnumerateArray().Select(region => region.GetProperty("image").GetInt32()).ToList();
        Assert.That(text.Split(Split), Has.Length.EqualTo(2));
        Assert.That(text, Does.StartWith("CORNER BAKERY"));
        Assert.That(images.Distinct(), Is.EqualTo(new[] { 0, 1 }), "regions of the first image, then of the second");
    }

    [Test]
    public async Task AnUnreadableSecondImage_Is400()
    {
        using var response = await Server.Http.PostAsync(
            "/v1/chat/completions", ChatRequests.Json(TwoImages(_receipt, "data:image/png;base64," + Convert.ToBase64String("not an image"u8.ToArray()))));

        await ErrorAssert.IsErrorAsync(response, 400, "unsupported image format");
    }

    private static ChatCompletionRequest TwoImages(string first, string second, string prompt = ChatRequests.FreeOcr)
    {
        var request = ChatRequests.For(first, prompt);
        request.Messages[1].Content.Parts!.Add(new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = second } });
        return request;
    }
}
