using System.Text.Json;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Grounding;

/// <summary>Modes on the wire (prompt, skip_special_tokens) and their answers read into regions, over real HTTP.</summary>
public sealed class ModeRequestTests : MockServerFixture
{
    [TestCase(OcrMode.Free, null, "<image>\nFree OCR.")]
    [TestCase(OcrMode.Markdown, null, "<image>\n<|grounding|>Convert the document to markdown.")]
    [TestCase(OcrMode.Ocr, null, "<image>\n<|grounding|>OCR this image.")]
    [TestCase(OcrMode.Figure, null, "<image>\nParse the figure.")]
    [TestCase(OcrMode.Describe, null, "<image>\nDescribe this image in detail.")]
    [TestCase(OcrMode.Locate, "Total", "<image>\nLocate <|ref|>Total<|/ref|> in the image.")]
    public async Task RecognizeAsync_EachMode_SendsItsOfficialPrompt(OcrMode mode, string? locate, string prompt)
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest() with { Mode = mode, LocateText = locate });

        var body = Mock.Requests.Single().BodyJson();
        Assert.That(body.GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo(prompt));
        bool grounding = mode is OcrMode.Markdown or OcrMode.Ocr or OcrMode.Locate;
        Assert.That(body.TryGetProperty("skip_special_tokens", out var skip), Is.EqualTo(grounding));
        if (grounding)
        {
            Assert.That(skip.ValueKind, Is.EqualTo(JsonValueKind.False));
        }
    }

    [Test]
    public async Task RecognizeAsync_CustomPromptWithMode_SendsThePrompt()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest() with { Mode = OcrMode.Markdown, Prompt = "<image>\nmine" });

        Assert.That(Mock.Requests.Single().BodyJson().GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo("<image>\nmine"));
    }

    [Test]
    public async Task RecognizeAsync_ExtraBodySetsSkipSpecialTokens_ItWins()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("x")));
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(TestClients.PngRequest() with { Mode = OcrMode.Markdown, ExtraBodyJson = """{"skip_special_tokens":true}""" });

        Assert.That(Mock.Requests.Single().BodyJson().GetProperty("skip_special_tokens").GetBoolean(), Is.True);
    }

    [TestCase(OcrMode.Locate, null)]
    [TestCase(OcrMode.Locate, "")]
    [TestCase(OcrMode.Markdown, "Total")]
    [TestCase((OcrMode)6, null)]
    [TestCase((OcrMode)(-1), null)]
    public void RecognizeAsync_BadModeOrLocateText_IsInvalidArgumentBeforeSending(OcrMode mode, string? locate)
    {
        using var client = TestClients.Create(Mock.BaseUrl);

        var failure = Assert.ThrowsAsync<OcrException>(() => client.RecognizeAsync(TestClients.PngRequest() with { Mode = mode, LocateText = locate }));

        Assert.That(failure!.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_GroundedAnswerForAFile_GivesPixelRegionsAndMarkdown()
    {
        using var files = new TempDirectory();
        byte[] png = [.. TestImages.Png];
        png[19] = 0xE8; png[18] = 0x03; // IHDR width 1000
        png[23] = 0xF4; png[22] = 0x01; // height 500 (the CRC is not checked by the header reader)
        string path = files.Write("page.png", png);
        Mock.Reply(MockServer.Json(Answers.Completion("<|ref|>title<|/ref|><|det|>[[0, 0, 999, 100]]<|/det|>\n# Hi\n", finishReason: "stop")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path), Mode = OcrMode.Markdown });

        Assert.That(result.ImageSize, Is.EqualTo(new ImageSize(1000, 500)));
        Assert.That(result.Markdown, Is.EqualTo("\n# Hi\n"));
        Assert.That(result.Text, Does.StartWith("<|ref|>title"));
        var region = result.Regions.Single();
        Assert.That((region.Label, region.Text), Is.EqualTo(("title", "# Hi")));
        Assert.That(region.Boxes.Single(), Is.EqualTo(new DeepSeekOcr.Client.Grounding.GroundingBox(0, 0, 1000, 50, 0, 0, 999, 100)));
    }

    [Test]
    public async Task StreamAsync_GroundedAnswer_RegionsInTheFinalResult()
    {
        Mock.Reply(MockServer.EventStream(Answers.Events("\n",
            Answers.Chunk("<|ref|>Hel"), Answers.Chunk("lo<|/ref|><|det|>[[10, 10,"), Answers.Chunk(" 20, 20]]<|/det|>"), Answers.FinishChunk(), "[DONE]")));
        using var client = TestClients.Create(Mock.BaseUrl);

        using var stream = await client.StreamAsync(new OcrRequest { Image = ImageSource.FromUrl("https://example.invalid/a.png"), Mode = OcrMode.Ocr, ImageSize = new ImageSize(1000, 2000) });
        while (await stream.MoveNextAsync())
        {
        }

        var region = stream.Result.Regions.Single();
        Assert.That(region.Text, Is.EqualTo("Hello"));
        Assert.That(region.Boxes.Single(), Is.EqualTo(new DeepSeekOcr.Client.Grounding.GroundingBox(10, 20, 20, 40, 10, 10, 20, 20)));
        Assert.That(stream.Result.Markdown, Is.EqualTo("Hello"));
    }
}
