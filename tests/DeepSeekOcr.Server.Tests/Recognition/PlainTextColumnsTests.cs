using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Recognition;

/// <summary>
/// Plain-text mode keeps columns where the spacing carries them: the receipt's item, quantity and price columns come
/// out at the characters they are at in the ground truth (tests/samples/receipt.txt), in every image format, and
/// text with ordinary spaces keeps single spaces.
/// </summary>
[TestFixture]
public sealed class PlainTextColumnsTests : ServerProcessFixture
{

    [TestCase("receipt.png")]
    [TestCase("receipt.jpg")]
    [TestCase("receipt.webp")]
    [TestCase("receipt.bmp")]
    public async Task ReceiptColumns_AreKeptCharacterForCharacter(string file)
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl(file)));

        var columnLines = Samples.GroundTruth("receipt").Split('\n').Where(line => line.Contains("  ", StringComparison.Ordinal)).ToList();
        Assert.That(columnLines, Has.Count.EqualTo(6), "the truth's lines with columns");
        Assert.That(content.Split('\n'), Is.SupersetOf(columnLines), content);
        Assert.That(CharacterErrorRate.Of(content, Samples.GroundTruth("receipt")), Is.LessThanOrEqualTo(0.02));
    }

    [TestCase("scanned-page")]
    [TestCase("screenshot")]
    public async Task ProseWithoutColumns_KeepsSingleSpaces(string name)
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl(name + ".png")));

        Assert.That(content, Does.Not.Contain("  "));
        Assert.That(CharacterErrorRate.Of(content, Samples.GroundTruth(name)), Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public async Task StreamedPlainText_HasTheSameColumns()
    {
        var whole = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("receipt.png")));
        var request = ChatRequests.For(Samples.DataUrl("receipt.png"));
        request.Stream = true;

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));
        var (chunks, _) = await SseEvents.ReadAsync(response);

        Assert.That(string.Concat(chunks.SelectMany(chunk => chunk.Choices!).Select(choice => choice.Delta?.Content)), Is.EqualTo(whole));
        Assert.That(whole, Does.Contain("Butter croissant    4    7.60"));
    }
}
