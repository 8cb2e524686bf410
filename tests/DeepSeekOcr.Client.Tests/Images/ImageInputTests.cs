using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Images;

/// <summary>
/// Images from files and buffers: the format told by magic bytes and sent with its MIME type, and every bad input
/// refused with a message that names the problem before any request leaves the process.
/// </summary>
public sealed class ImageInputTests : MockServerWithFilesFixture
{
    [SetUp]
    public void ReplyOk() => Mock.Reply(MockServer.Json(Answers.Completion("ok")));

    [TestCase("png")]
    [TestCase("jpeg")]
    [TestCase("webp")]
    [TestCase("bmp")]
    public async Task RecognizeAsync_SupportedFormatFile_SendsItWithItsMimeType(string format)
    {
        byte[] image = TestImages.Of(format);
        // A misleading extension: the bytes decide, not the name.
        string path = Files.Write("scan.gif", image);
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) });

        string expected = $"data:{TestImages.MimeTypeOf(format)};base64,{Convert.ToBase64String(image)}";
        Assert.That(Mock.Requests.Single().ImageUrl(), Is.EqualTo(expected));
    }

    [TestCase("png")]
    [TestCase("jpeg")]
    [TestCase("webp")]
    [TestCase("bmp")]
    public async Task RecognizeAsync_SupportedFormatBytes_SendsThemWithTheirMimeType(string format)
    {
        byte[] image = TestImages.Of(format);
        using var client = TestClients.Create(Mock.BaseUrl);

        await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromBytes(image) });

        string expected = $"data:{TestImages.MimeTypeOf(format)};base64,{Convert.ToBase64String(image)}";
        Assert.That(Mock.Requests.Single().ImageUrl(), Is.EqualTo(expected));
    }

    [TestCase("gif", "a GIF image")]
    [TestCase("pdf", "a PDF document")]
    [TestCase("tiff", "a TIFF image")]
    [TestCase("random", "of unknown format")]
    [TestCase("text", "of unknown format")]
    public async Task RecognizeAsync_UnsupportedFile_FailsWithUnsupportedImageNamingTheFormatBeforeSending(string kind, string named)
    {
        string path = Files.Write("input", Unsupported(kind));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(e.Message, Does.Contain(path).And.Contain(named).And.Contain("JPEG, PNG, WebP or BMP"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [TestCase("gif", "a GIF image")]
    [TestCase("pdf", "a PDF document")]
    [TestCase("random", "of unknown format")]
    public async Task StreamAsync_UnsupportedBytes_FailsWithUnsupportedImageBeforeSending(string kind, string named)
    {
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.StreamAsync(new OcrRequest { Image = ImageSource.FromBytes(Unsupported(kind)) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(e.Message, Does.StartWith("the image buffer").And.Contain(named));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [TestCase("png", "truncated PNG")]
    [TestCase("webp", "truncated WebP")]
    [TestCase("bmp", "truncated BMP")]
    public async Task RecognizeAsync_TruncatedImage_FailsWithUnsupportedImageBeforeSending(string format, string named)
    {
        byte[] whole = TestImages.Of(format);
        string path = Files.Write("cut", whole[..^6]);
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(e.Message, Does.Contain(named));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_PngSignatureOnly_FailsWithUnsupportedImage()
    {
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromBytes(TestImages.Png[..8]) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_MissingFile_FailsWithIoSayingItDoesNotExist()
    {
        string path = Files.PathOf("nowhere.png");
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(e.Message, Does.Contain(path).And.Contain("does not exist"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_FileInMissingDirectory_FailsWithIo()
    {
        string path = Path.Combine(Files.Path, "no-such-dir", "page.png");
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(e.Message, Does.Contain("does not exist"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_Directory_FailsWithIoSayingItIsADirectory()
    {
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(Files.Path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(e.Message, Does.Contain("is a directory"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_EmptyFile_FailsWithIoSayingItIsEmpty()
    {
        string path = Files.Write("empty.png", []);
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(e.Message, Does.Contain("is empty"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public void FromBytes_EmptyBuffer_FailsWithInvalidArgument()
    {
        var e = Expect.Failure(() => ImageSource.FromBytes(ReadOnlyMemory<byte>.Empty));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain("the image buffer is empty"));
    }

    [Test]
    public void FromFile_EmptyPath_FailsWithInvalidArgument()
    {
        var e = Expect.Failure(() => ImageSource.FromFile(""));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
    }

    [Test]
    public async Task RecognizeAsync_FileOverMaxImageBytes_FailsWithTooLargeBeforeSending()
    {
        string path = Files.Write("big.png", TestImages.PngOfLength(10_001));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxImageBytes = 10_000 });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.TooLarge));
        Assert.That(e.Message, Does.Contain("10001 bytes").And.Contain("10000 bytes").And.Contain("MaxImageBytes"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task StreamAsync_BytesOverMaxImageBytes_FailsWithTooLargeBeforeSending()
    {
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxImageBytes = 10_000 });

        var e = await Expect.FailureAsync(() => client.StreamAsync(new OcrRequest { Image = ImageSource.FromBytes(TestImages.PngOfLength(10_001)) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.TooLarge));
        Assert.That(Mock.Requests, Is.Empty);
    }

    [Test]
    public async Task RecognizeAsync_FileExactlyAtMaxImageBytes_IsSent()
    {
        string path = Files.Write("edge.png", TestImages.PngOfLength(10_000));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxImageBytes = 10_000 });

        var result = await client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) });

        Assert.That(result.Text, Is.EqualTo("ok"));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }

    private static byte[] Unsupported(string kind) => kind switch
    {
        "gif" => TestImages.Gif,
        "pdf" => TestImages.Pdf,
        "tiff" => [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        "text" => "Hello, this is plain text and not a picture."u8.ToArray(),
        _ => TestImages.Random(4096),
    };
}
