using System.Buffers.Binary;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Grounding;

/// <summary>Image sizes read from headers, byte-exact as each format's spec lays them out, odd JPEG layouts included.</summary>
public sealed class ImageHeaderTests
{
    [Test]
    public void FromBytes_Png_ReadsIhdr() =>
        Assert.That(ImageHeader.FromBytes(Png(1654, 2339)), Is.EqualTo(new ImageSize(1654, 2339)));

    [Test]
    public void FromBytes_RealOnePixelPng_IsOneByOne() =>
        Assert.That(ImageHeader.FromBytes(TestImages.Png), Is.EqualTo(new ImageSize(1, 1)));

    [TestCase(0xC0)]
    [TestCase(0xC1)]
    [TestCase(0xC2)]
    [TestCase(0xC3)]
    [TestCase(0xCF)]
    public void FromBytes_JpegWithEachFrameKind_ReadsTheFrame(int sof) =>
        Assert.That(ImageHeader.FromBytes(Jpeg([App0(), Segment(sof, Frame(600, 800))])), Is.EqualTo(new ImageSize(800, 600)));

    [Test]
    public void FromBytes_JpegWithLargeExifAndTablesBeforeTheFrame_SkipsThem()
    {
        byte[] exif = Segment(0xE1, new byte[65000]);
        byte[] icc = Segment(0xE2, new byte[40000]);
        byte[] dqt = Segment(0xDB, new byte[65]);
        byte[] dht = Segment(0xC4, [0, 1, 2, 3]); // C4 is DHT, not a frame: must not be read as one
        byte[] dac = Segment(0xCC, [0, 0]);        // nor DAC
        byte[] com = Segment(0xFE, "scanner"u8.ToArray());

        Assert.That(ImageHeader.FromBytes(Jpeg([App0(), exif, icc, com, dqt, dht, dac, Segment(0xC2, Frame(3000, 4000))])), Is.EqualTo(new ImageSize(4000, 3000)));
    }

    [Test]
    public void FromBytes_JpegWithFillBytesBeforeMarkers_SkipsThem()
    {
        byte[] padded = [0xFF, 0xFF, 0xFF, .. Segment(0xC0, Frame(10, 20))];

        Assert.That(ImageHeader.FromBytes(Jpeg([App0(), padded])), Is.EqualTo(new ImageSize(20, 10)));
    }

    [Test]
    public void FromBytes_JpegWithHeightInDnl_IsUnknown() =>
        Assert.That(ImageHeader.FromBytes(Jpeg([Segment(0xC0, Frame(0, 20))])), Is.Null);

    [Test]
    public void FromBytes_JpegWithoutFrame_IsUnknown() =>
        Assert.That(ImageHeader.FromBytes(TestImages.Jpeg), Is.Null);

    [Test]
    public void FromBytes_JpegCutInsideTheFrameHeader_IsUnknown() =>
        Assert.That(ImageHeader.FromBytes(Jpeg([App0(), Segment(0xC0, Frame(10, 20))]).AsMemory(0, 2 + 18 + 6)), Is.Null);

    [Test]
    public void FromBytes_WebPLossy_ReadsTheVp8FrameHeader()
    {
        // RFC 6386 9.1: frame tag (3 bytes), start code 9D 01 2A, width and height (14 bits, 2 scale bits).
        byte[] vp8 = [0x50, 0x01, 0x00, 0x9D, 0x01, 0x2A, .. U16(1024 | 0x4000), .. U16(768), 0, 0];
        Assert.That(ImageHeader.FromBytes(Riff("VP8 ", vp8)), Is.EqualTo(new ImageSize(1024, 768)));
    }

    [Test]
    public void FromBytes_WebPLossless_ReadsVp8lBits()
    {
        uint bits = (1919u - 1) | ((1079u - 1) << 14);
        byte[] vp8l = [0x2F, .. U32(bits), 0];
        Assert.That(ImageHeader.FromBytes(Riff("VP8L", vp8l)), Is.EqualTo(new ImageSize(1919, 1079)));
    }

    [Test]
    public void FromBytes_WebPExtended_ReadsTheCanvas()
    {
        byte[] vp8x = [0x10, 0, 0, 0, .. U24(5000 - 1), .. U24(70000 - 1)];
        Assert.That(ImageHeader.FromBytes(Riff("VP8X", vp8x)), Is.EqualTo(new ImageSize(5000, 70000)));
    }

    [Test]
    public void FromBytes_BmpInfoHeaderTopDown_ReadsTheAbsoluteHeight() =>
        Assert.That(ImageHeader.FromBytes(Bmp(40, 640, -480)), Is.EqualTo(new ImageSize(640, 480)));

    [Test]
    public void FromBytes_BmpV5Header_ReadsIt() =>
        Assert.That(ImageHeader.FromBytes(Bmp(124, 33, 17)), Is.EqualTo(new ImageSize(33, 17)));

    [Test]
    public void FromBytes_BmpCoreHeader_ReadsSixteenBitSizes()
    {
        byte[] bmp = [(byte)'B', (byte)'M', .. U32(26), 0, 0, 0, 0, .. U32(26), .. U32(12), .. U16(300), .. U16(200), .. U16(1), .. U16(24)];
        Assert.That(ImageHeader.FromBytes(bmp), Is.EqualTo(new ImageSize(300, 200)));
    }

    [Test]
    public void FromBytes_TestImagesOfEachFormat_AreReadOrUnknownNeverThrow()
    {
        Assert.That(ImageHeader.FromBytes(TestImages.WebP), Is.Not.Null);
        Assert.That(ImageHeader.FromBytes(TestImages.Gif), Is.Null);
        Assert.That(ImageHeader.FromBytes(TestImages.Random(100)), Is.Null);
        Assert.That(ImageHeader.FromBytes(Array.Empty<byte>()), Is.Null);
    }

    [Test]
    public void FromFile_Png_ReadsTheHeaderFromDisk()
    {
        using var files = new TempDirectory();
        string path = files.Write("page.png", Png(17, 23));

        Assert.That(ImageHeader.FromFile(path), Is.EqualTo(new ImageSize(17, 23)));
        Assert.That(ImageHeader.FromFile(path + ".missing"), Is.Null);
    }

    private static byte[] Png(int width, int height) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, .. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0];

    private static byte[] Jpeg(byte[][] segments) => [0xFF, 0xD8, .. segments.SelectMany(s => s), 0xFF, 0xDA, 0, 2, 0xFF, 0xD9];

    private static byte[] App0() => Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

    private static byte[] Frame(int height, int width) => [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0];

    private static byte[] Segment(int marker, byte[] payload) =>
        [0xFF, (byte)marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    private static byte[] Riff(string chunk, byte[] payload) =>
        [.. "RIFF"u8, .. U32((uint)(12 + payload.Length)), .. "WEBP"u8, .. System.Text.Encoding.ASCII.GetBytes(chunk), .. U32((uint)payload.Length), .. payload];

    private static byte[] Bmp(uint headerSize, int width, int height) =>
        [(byte)'B', (byte)'M', .. U32(14 + headerSize), 0, 0, 0, 0, .. U32(14 + headerSize), .. U32(headerSize), .. U32((uint)width), .. U32((uint)height), .. new byte[headerSize - 12]];

    private static byte[] BigEndian(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U16(int value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] U24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] U32(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
