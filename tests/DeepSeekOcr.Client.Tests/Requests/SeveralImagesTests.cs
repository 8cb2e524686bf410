using System.Text.Json;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Requests;

/// <summary>Several images in one request (<see cref="OcrRequest.MoreImages"/>): one user message, the images in order.</summary>
public sealed class SeveralImagesTests : MockServerWithFilesFixture
{
    [Test]
    public async Task RecognizeAsync_MoreImages_SendsEveryImageInOrderWithItsOwnMimeType()
    {
        string path = Files.Write("second.jpg", TestImages.Jpeg);
        Mock.Reply(MockServer.Json(Answers.Completion("one\n<--- Page Split --->\ntwo")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(TestClients.PngRequest() with
        {
            MoreImages = [ImageSource.FromFile(path), ImageSource.FromUrl("https://example.com/third.webp"), ImageSource.FromBytes(TestImages.Bmp)],
        });

        var request = Mock.Requests.Single();
        var urls = ImageUrls(request.BodyJson());
        Assert.Multiple(() =>
        {
            Assert.That(urls, Is.EqualTo(new[]
            {
                "data:image/png;base64," + Convert.ToBase64String(TestImages.Png),
                "data:image/jpeg;base64," + Convert.ToBase64String(TestImages.Jpeg),
                "https://example.com/third.webp",
                "data:image/bmp;base64," + Convert.ToBase64String(TestImages.Bmp),
            }));
            Assert.That(request.Header("Content-Length"), Is.EqualTo(request.Body().Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(result.Text, Is.EqualTo("one\n<--- Page Split --->\ntwo"));
        });
    }

    [Test]
    public async Task RecognizeAsync_MoreImages_LeavesPixelBoxesUnknown()
    {
        Mock.Reply(MockServer.Json(Answers.Completion("<|ref|>title<|/ref|><|det|>[[0, 0, 999, 999]]<|/det|>\n# A")));
        using var client = TestClients.Create(Mock.BaseUrl);

        var result = await client.RecognizeAsync(TestClients.PngRequest() with
        {
            Mode = OcrMode.Markdown,
            MoreImages = [ImageSource.FromBytes(TestImages.Png)],
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.ImageSize, Is.Null, "a box may belong to either image");
            Assert.That(result.Regions, Has.Count.EqualTo(1));
            Assert.That(result.Regions[0].Boxes[0].HasPixels, Is.False);
        });
    }

    [Test]
    public void RecognizeAsync_OneOfTheMoreImagesIsNotAnImage_FailsBeforeSending()
    {
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = Assert.ThrowsAsync<OcrException>(() => client.RecognizeAsync(TestClients.PngRequest() with
        {
            MoreImages = [ImageSource.FromBytes(TestImages.Gif)],
        }));

        Assert.That(e!.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(Mock.Requests, Is.Empty);
    }

    private static List<string> ImageUrls(JsonElement body) =>
        [.. body.GetProperty("messages")[1].GetProperty("content").EnumerateArray().Select(part => part.GetProperty("image_url").GetProperty("url").GetString()!)];
}
