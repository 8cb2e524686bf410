using DeepSeekOcr.Server.Images;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>Formats are told by their magic bytes.</summary>
[TestFixture]
public sealed class ImageFormatDetectorTests
{
    [TestCase("receipt.png", ImageFormat.Png)]
    [TestCase("receipt.jpg", ImageFormat.Jpeg)]
    [TestCase("receipt.webp", ImageFormat.WebP)]
    [TestCase("receipt.bmp", ImageFormat.Bmp)]
    public void Samples_AreRecognised(string file, ImageFormat format) =>
        Assert.That(ImageFormatDetector.Detect(Samples.Bytes(file)), Is.EqualTo(format));

    [Test]
    public void Gif_IsUnknown() => Assert.That(ImageFormatDetector.Detect("GIF89a\x01\x00\x01\x00"u8), Is.EqualTo(ImageFormat.Unknown));

    [Test]
    public void TooShortForAnyHeader_IsUnknown() => Assert.That(ImageFormatDetector.Detect("BM"u8), Is.EqualTo(ImageFormat.Unknown));

    [Test]
    public void Utf8EncodedPngSignature_IsUnknown() =>
        Assert.That(ImageFormatDetector.Detect("\u0089PNG\r\n\u001a\n"u8), Is.EqualTo(ImageFormat.Unknown));
}
