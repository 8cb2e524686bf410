using System.Runtime.InteropServices;
using DeepSeekOcr.Server.Ocr.Native;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// One Tesseract instance. Not thread-safe: <see cref="EnginePool"/> gives each instance to one request at a time.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    /// <summary>Pixels added around each layout block before it is recognised.</summary>
    private const int RegionMargin = 3;

    private readonly TessBaseApiHandle _api;

    private TesseractEngine(TessBaseApiHandle api) => _api = api;

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

    /// <summary>
    /// Reads the image block by block: layout analysis first (blocks, their types, the body text size), then each
    /// text block recognised on its own, handed to <paramref name="onBlock"/> as soon as it is read, so a stream can
    /// send it before the rest of the page is done. Pictures are handed on in their place, with no text.
    /// </summary>
    public OcrPage Recognize(DecodedImage image, Action<PageLayout, OcrBlock>? onBlock = null, CancellationToken cancellationToken = default)
    {
        Tesseract.TessBaseAPISetImage2(_api, image.Pix);
        try
        {
            Tesseract.TessBaseAPISetPageSegMode(_api, Tesseract.PageSegModeAuto);
            var (layout, regions) = AnalyseLayout(image);

            // Each block as one uniform block of text: analysing its layout again would split a table's columns.
            Tesseract.TessBaseAPISetPageSegMode(_api, Tesseract.PageSegModeSingleBlock);
            var blocks = new List<OcrBlock>();
            foreach (var (box, kind) in regions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = kind == OcrBlockKind.Picture ? [new OcrBlock(box, [], OcrBlockKind.Picture)] : RecognizeRegion(box, image);
                foreach (var block in read)
                {
                    blocks.Add(block);
                    onBlock?.Invoke(layout, block);
                }
            }

            return new OcrPage(layout, blocks);
        }
        finally
        {
            // Drops the results and Tesseract's copy of the image, so the engine holds nothing between requests.
            Tesseract.TessBaseAPIClear(_api);
        }
    }

    public void Dispose() => _api.Dispose();

    /// <summary>The blocks layout analysis finds, in reading order, and the body text size from its lines' baselines.</summary>
    private (PageLayout Layout, List<(PixelBox Box, OcrBlockKind Kind)> Regions) AnalyseLayout(DecodedImage image)
    {
        var regions = new List<(PixelBox, OcrBlockKind)>();
        var ascents = new List<int>();
        using (var layoutIterator = Tesseract.TessBaseAPIAnalyseLayout(_api))
        {
            if (!layoutIterator.IsInvalid)
            {
                var page = layoutIterator.DangerousGetHandle();
                Tesseract.TessPageIteratorBegin(page);
                do
                {
                    regions.Add((BoundingBox(page, PageIteratorLevel.Block), KindOf(Tesseract.TessPageIteratorBlockType(page))));
                }
                while (Tesseract.TessPageIteratorNext(page, PageIteratorLevel.Block) != 0);

                // The same measure as recognised lines use (the tallest word's ascent), so headings compare alike.
                Tesseract.TessPageIteratorBegin(page);
                var lineAscent = 0;
                do
                {
                    if (Tesseract.TessPageIteratorIsAtBeginningOf(page, PageIteratorLevel.TextLine) != 0 && lineAscent > 0)
                    {
                        ascents.Add(lineAscent);
                        lineAscent = 0;
                    }

                    if (KindOf(Tesseract.TessPageIteratorBlockType(page)) == OcrBlockKind.Text)
                    {
                        var word = BoundingBox(page, PageIteratorLevel.Word);
                        if (word.Height > 0)
                        {
                            lineAscent = Math.Max(lineAscent, WordAscent(page, word));
                        }
                    }
                }
                while (Tesseract.TessPageIteratorNext(page, PageIteratorLevel.Word) != 0);

                if (lineAscent > 0)
                {
                    ascents.Add(lineAscent);
                }
            }
        }

        ascents.Sort();
        var bodyHeight = ascents.Count == 0 ? 0 : ascents[ascents.Count / 2];
        return (new PageLayout(image.Width, image.Height, bodyHeight), regions.Where(region => region.Item1.Height > 0).ToList());
    }

    /// <summary>Recognises one block of the layout; Tesseract may still find several blocks in it.</summary>
    private List<OcrBlock> RecognizeRegion(PixelBox box, DecodedImage image)
    {
        // A small margin: a crop tight to the glyphs loses their edge pixels to thresholding.
        var left = Math.Max(0, box.Left - RegionMargin);
        var top = Math.Max(0, box.Top - RegionMargin);
        var right = Math.Min(image.Width, box.Right + RegionMargin);
        var bottom = Math.Min(image.Height, box.Bottom + RegionMargin);
        var region = new PixelBox(left, top, right, bottom);
        if (!DarkRegion.IsDark(image, region))
        {
            Tesseract.TessBaseAPISetRectangle(_api, left, top, right - left, bottom - top);
            return RecognizeCurrent();
        }

        // Layout analysis of light-on-dark text can cut a letter off the end of the line: read a wider cut-out, by
        // about a letter and a half each way (more would take in the band's own edge, which reads as a '|').
        var height = bottom - top;
        left = Math.Max(0, left - height);
        right = Math.Min(image.Width, right + height);
        top = Math.Max(0, top - (height / 4));
        bottom = Math.Min(image.Height, bottom + (height / 4));
        using var inverted = DarkRegion.Inverted(image, new PixelBox(left, top, right, bottom));
        if (inverted is null)
        {
            Tesseract.TessBaseAPISetRectangle(_api, left, top, right - left, bottom - top);
            return RecognizeCurrent();
        }

        // The inverted cut-out is read as an image of its own, then the page is set back for the next block.
        Tesseract.TessBaseAPISetImage2(_api, inverted);
        try
        {
            return RecognizeCurrent().Select(block => Offset(block, left, top)).ToList();
        }
        finally
        {
            Tesseract.TessBaseAPISetImage2(_api, image.Pix);
        }
    }

    private List<OcrBlock> RecognizeCurrent()
    {
        if (Tesseract.TessBaseAPIRecognize(_api, IntPtr.Zero) != 0)
        {
            throw new OcrEngineException("Tesseract failed to recognise the image");
        }

        using var iterator = Tesseract.TessBaseAPIGetIterator(_api);
        return iterator.IsInvalid ? [] : ReadLayout(iterator);
    }

    /// <summary>Boxes read in a cut-out, moved to where the cut-out is on the page.</summary>
    private static OcrBlock Offset(OcrBlock block, int dx, int dy)
    {
        PixelBox Move(PixelBox box) => new(box.Left + dx, box.Top + dy, box.Right + dx, box.Bottom + dy);
        return block with
        {
            Box = Move(block.Box),
            Paragraphs = block.Paragraphs
                .Select(paragraph => paragraph with
                {
                    Lines = paragraph.Lines
                        .Select(line => line with { Box = Move(line.Box), Words = line.Words.Select(word => word with { Box = Move(word.Box) }).ToList() })
                        .ToList(),
                })
                .ToList(),
        };
    }

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
                blocks.Add(new OcrBlock(BoundingBox(page, PageIteratorLevel.Block), paragraphs, KindOf(Tesseract.TessPageIteratorBlockType(page))));
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

            var text = blocks[^1].Kind == OcrBlockKind.Picture ? "" : Text(iterator, PageIteratorLevel.Word).Trim();
            if (text.Length > 0)
            {
                var box = BoundingBox(page, PageIteratorLevel.Word);
                words.Add(new OcrWord(text, box, WordAscent(page, box)));
            }
        }
        while (Tesseract.TessResultIteratorNext(iterator, PageIteratorLevel.Word) != 0);

        return WithoutEmptyParts(blocks);
    }

    /// <summary>Pictures, rules and filled areas; noise (specks) is no region worth naming.</summary>
    private static OcrBlockKind KindOf(PolyBlockType type) =>
        type is PolyBlockType.FlowingImage or PolyBlockType.HeadingImage or PolyBlockType.PulloutImage
            or PolyBlockType.HorizontalLine or PolyBlockType.VerticalLine
            ? OcrBlockKind.Picture
            : OcrBlockKind.Text;

    /// <summary>Image regions and blank words leave empty lines behind; nothing downstream wants them. Picture blocks stay, without text.</summary>
    private static List<OcrBlock> WithoutEmptyParts(List<OcrBlock> blocks) =>
        blocks
            .Select(block => block with
            {
                Paragraphs = block.Paragraphs
                    .Select(paragraph => paragraph with { Lines = paragraph.Lines.Where(line => line.Words.Count > 0).Select(HoldingItsWords).ToList() })
                    .Where(paragraph => paragraph.Lines.Count > 0)
                    .ToList(),
            })
            .Where(block => block.Kind == OcrBlockKind.Picture || block.Paragraphs.Count > 0)
            .ToList();

    /// <summary>
    /// Tesseract's line box can leave out a small word (a dash set on the midline of a tall line); boxes given
    /// for a line must hold every word read in it.
    /// </summary>
    private static OcrLine HoldingItsWords(OcrLine line) =>
        line with
        {
            Box = new PixelBox(
                Math.Min(line.Box.Left, line.Words.Min(word => word.Box.Left)),
                Math.Min(line.Box.Top, line.Words.Min(word => word.Box.Top)),
                Math.Max(line.Box.Right, line.Words.Max(word => word.Box.Right)),
                Math.Max(line.Box.Bottom, line.Words.Max(word => word.Box.Bottom))),
        };

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
