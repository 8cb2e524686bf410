using System.Runtime.InteropServices;
using DeepSeekOcr.Server.Ocr.Native;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// One Tesseract instance. Not thread-safe: <see cref="EnginePool"/> gives each instance to one request at a time.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    private readonly TessBaseApiHandle api;

    private TesseractEngine(TessBaseApiHandle api) => this.api = api;

    /// <summary>Loads the language data; fails with a message that says what to install or pass.</summary>
    public static TesseractEngine Create(string tessdata, string language)
    {
        if (!File.Exists(Path.Combine(tessdata, language.Split('+')[0] + ".traineddata")))
        {
            throw new OcrEngineException(
                $"no Tesseract data for '{language}' in {tessdata}: install tesseract-ocr-{language.Split('+')[0]} or pass --tessdata DIR");
        }

        TessBaseApiHandle api;
        try
        {
            api = Tesseract.TessBaseAPICreate();
        }
        catch (DllNotFoundException e)
        {
            throw new OcrEngineException("libtesseract.so.5 could not be loaded: install libtesseract5", e);
        }

        if (Tesseract.TessBaseAPIInit3(api, tessdata, language) != 0)
        {
            api.Dispose();
            throw new OcrEngineException($"Tesseract could not load '{language}' from {tessdata}");
        }

        // Tesseract's progress chatter ("Estimating resolution as ...") would otherwise go to stderr per image.
        _ = Tesseract.TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        Tesseract.TessBaseAPISetPageSegMode(api, Tesseract.PageSegModeAuto);
        return new TesseractEngine(api);
    }

    public OcrPage Recognize(DecodedImage image)
    {
        Tesseract.TessBaseAPISetImage2(api, image.Pix);
        try
        {
            if (Tesseract.TessBaseAPIRecognize(api, IntPtr.Zero) != 0)
            {
                throw new OcrEngineException("Tesseract failed to recognise the image");
            }

            using var iterator = Tesseract.TessBaseAPIGetIterator(api);
            var blocks = iterator.IsInvalid ? [] : ReadLayout(iterator);
            return new OcrPage(image.Width, image.Height, blocks);
        }
        finally
        {
            // Drops the results and Tesseract's copy of the image, so the engine holds nothing between requests.
            Tesseract.TessBaseAPIClear(api);
        }
    }

    public void Dispose() => api.Dispose();

    /// <summary>Walks the result word by word, opening a block, paragraph or line wherever Tesseract says one begins.</summary>
    private static List<OcrBlock> ReadLayout(ResultIteratorHandle iterator)
    {
        var blocks = new List<OcrBlock>();
        List<OcrParagraph>? paragraphs = null;
        List<OcrLine>? lines = null;
        List<OcrWord>? words = null;
        var page = Tesseract.TessResultIteratorGetPageIterator(iterator);
        Tesseract.TessPageIteratorBegin(page);
        do
        {
            if (paragraphs is null || Tesseract.TessPageIteratorIsAtBeginningOf(page, PageIteratorLevel.Block) != 0)
            {
                paragraphs = [];
                blocks.Add(new OcrBlock(BoundingBox(page, PageIteratorLevel.Block), paragraphs));
                lines = null;
            }

            if (lines is null || Tesseract.TessPageIteratorIsAtBeginningOf(page, PageIteratorLevel.Paragraph) != 0)
            {
                lines = [];
                paragraphs.Add(new OcrParagraph(lines));
                words = null;
            }

            if (words is null || Tesseract.TessPageIteratorIsAtBeginningOf(page, PageIteratorLevel.TextLine) != 0)
            {
                words = [];
                lines.Add(new OcrLine(BoundingBox(page, PageIteratorLevel.TextLine), words));
            }

            var text = Text(iterator, PageIteratorLevel.Word).Trim();
            if (text.Length > 0)
            {
                var box = BoundingBox(page, PageIteratorLevel.Word);
                words.Add(new OcrWord(text, box, WordAscent(page, box)));
            }
        }
        while (Tesseract.TessResultIteratorNext(iterator, PageIteratorLevel.Word) != 0);

        return WithoutEmptyParts(blocks);
    }

    /// <summary>Image regions and blank words leave empty lines behind; nothing downstream wants them.</summary>
    private static List<OcrBlock> WithoutEmptyParts(List<OcrBlock> blocks) =>
        blocks
            .Select(block => block with
            {
                Paragraphs = block.Paragraphs
                    .Select(paragraph => paragraph with { Lines = paragraph.Lines.Where(line => line.Words.Count > 0).ToList() })
                    .Where(paragraph => paragraph.Lines.Count > 0)
                    .ToList(),
            })
            .Where(block => block.Paragraphs.Count > 0)
            .ToList();

    private static PixelBox BoundingBox(IntPtr page, PageIteratorLevel level) =>
        Tesseract.TessPageIteratorBoundingBox(page, level, out var left, out var top, out var right, out var bottom) != 0
            ? new PixelBox(left, top, right, bottom)
            : default;

    /// <summary>From the top of the word to the line's baseline under the word's middle.</summary>
    private static int WordAscent(IntPtr page, PixelBox box) =>
        Tesseract.TessPageIteratorBaseline(page, PageIteratorLevel.Word, out _, out var y1, out _, out var y2) != 0
            ? Math.Max(1, ((y1 + y2) / 2) - box.Top)
            : box.Height;

    private static string Text(ResultIteratorHandle iterator, PageIteratorLevel level)
    {
        var text = Tesseract.TessResultIteratorGetUTF8Text(iterator, level);
        if (text == IntPtr.Zero)
        {
            return "";
        }

        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            Tesseract.TessDeleteText(text);
        }
    }
}
