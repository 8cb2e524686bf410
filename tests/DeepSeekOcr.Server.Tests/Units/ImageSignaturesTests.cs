using DeepSeekOcr.Protocol.Images;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>Formats are told by their magic bytes, by the one table the client and the server share.</summary>
[TestFixture]
public sealed class ImageSignaturesTests
{
    [TestCase("receipt.png", ImageFormat.Png)]
    [TestCase("receipt.jpg", ImageFormat.Jpeg)]
    [TestCase("receipt.webp", ImageFormat.WebP)]
    [TestCase("receipt.bmp", ImageFormat.Bmp)]
    public void Samples_AreRecognised(string file, ImageFormat format) =>
        Assert.That(ImageSignatures.FormatOf(Samples.Bytes(file)), Is.EqualTo(format));

    [Test]
    public void Gif_IsUnknown() => Assert.That(ImageSignatures.FormatOf("GIF89a\x01\x00\x01\x00"u8), Is.Null);

    [Test]
    public void BmpShorterThanItsFileHeaderAndDibSize_IsUnknown()
    {
        Assert.That(ImageSignatures.FormatOf("BM"u8), Is.Null);
        byte[] cut = new byte[ImageSignatures.HeadLength - 1];
        "BM"u8.CopyTo(cut);
        Assert.That(ImageSignatures.FormatOf(cut), Is.Null);
        Assert.That(ImageSignatures.FormatOf([.. cut, 0]), Is.EqualTo(ImageFormat.Bmp));
    }

    [Test]
    public void Utf8EncodedPngSignature_IsUnknown() =>
        Assert.That(ImageSignatures.FormatOf("\u0089PNG\r\n\u001a\n"u8), Is.Null);

    [TestCase(ImageFormat.Png, "image/png")]
    [TestCase(ImageFormat.Jpeg, "image/jpeg")]
    [TestCase(ImageFormat.WebP, "image/webp")]
    [TestCase(ImageFormat.Bmp, "image/bmp")]
    public void MimeTypes(ImageFormat format, string mime) => Assert.That(ImageSignatures.MimeType(format), Is.EqualTo(mime));
}
