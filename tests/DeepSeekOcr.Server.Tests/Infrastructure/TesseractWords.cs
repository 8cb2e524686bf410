using DeepSeekOcr.Server.Hosting;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// Tesseract's own reading of a sample, in-process (the server's engine with its default language data): the word
/// boxes an answer's boxes are checked against.
/// </summary>
public static class TesseractWords
{
    public static OcrPage Read(string fileName) => Read(Samples.Bytes(fileName));

    public static OcrPage Read(byte[] bytes)
    {
        using var engine = TesseractEngine.Create(new ServerOptions().Tessdata, "eng");
        using var image = ImageDecoder.Decode(bytes);
        return engine.Recognize(image);
    }
}
