using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Groups a recognised page into <see cref="PageBlock"/>s in reading order, fed one layout block at a time (so a
/// stream can send each as soon as it is read): a short paragraph in much taller type than the body is a title
/// (>= <see cref="TitleRatio"/>) or sub_title (>= <see cref="SubTitleRatio"/>); two or more consecutive lines that
/// split into the same number of columns are a table; a picture is an image, and a short paragraph right under
/// it is its caption; the rest are text blocks, one per paragraph. The body text size it compares with is
/// <see cref="PageLayout.BodyHeight"/>, known from layout analysis before any text is read.
/// </summary>
public sealed class PageBlockBuilder(double bodyHeight)
{
    /// <summary>Ascent height over the body's from which a short paragraph is a title.</summary>
    public const double TitleRatio = 1.5;

    /// <summary>Ascent height over the body's from which a short paragraph is a sub_title.</summary>
    public const double SubTitleRatio = 1.2;

    /// <summary>A heading or caption is a short paragraph: at most this many lines.</summary>
    public const int MaxShortLines = 2;

    private readonly List<(PixelBox Box, IReadOnlyList<string> Cells)> _pendingRows = [];
    private PageBlock? _lastPicture;

    public static IReadOnlyList<PageBlock> Build(OcrPage page)
    {
        var builder = new PageBlockBuilder(page.Layout.BodyHeight);
        var blocks = page.Blocks.SelectMany(builder.Add).ToList();
        blocks.AddRange(builder.Finish());
        return blocks;
    }

    /// <summary>The blocks this layout block completes; a table still open may go on into the next.</summary>
    public IReadOnlyList<PageBlock> Add(OcrBlock block)
    {
        var output = new List<PageBlock>();
        if (block.Kind == OcrBlockKind.Picture)
        {
            FlushRows(output);
            _lastPicture = new PageBlock(PageBlock.Image, block.Box, []);
            output.Add(_lastPicture);
            return output;
        }

        foreach (var paragraph in block.Paragraphs)
        {
            AddParagraph(paragraph, output);
        }

        return output;
    }

    /// <summary>Whatever is still open at the end of the page.</summary>
    public IReadOnlyList<PageBlock> Finish()
    {
        var output = new List<PageBlock>();
        FlushRows(output);
        return output;
    }

    private void AddParagraph(OcrParagraph paragraph, List<PageBlock> output)
    {
        var picture = _lastPicture;
        _lastPicture = null;
        if (HeadingLabel(paragraph) is { } heading)
        {
            FlushRows(output);
            output.Add(new PageBlock(heading, Box(paragraph.Lines), [string.Join(' ', paragraph.Lines.Select(line => line.Text))]));
            return;
        }

        if (picture is not null && IsCaptionOf(paragraph, picture))
        {
            FlushRows(output);
            output.Add(new PageBlock(PageBlock.ImageCaption, Box(paragraph.Lines), paragraph.Lines.Select(line => line.Text).ToList()));
            return;
        }

        var text = new List<OcrLine>();
        foreach (var line in paragraph.Lines)
        {
            var cells = TableRowSplitter.Cells(line, bodyHeight);
            if (cells.Count < 2)
            {
                FlushRows(output);
                text.Add(line);
                continue;
            }

            if (_pendingRows.Count > 0 && _pendingRows[0].Cells.Count != cells.Count)
            {
                FlushRows(output);
            }

            FlushText(text, output);
            _pendingRows.Add((line.Box, cells));
        }

        FlushText(text, output);
    }

    private static void FlushText(List<OcrLine> lines, List<PageBlock> output)
    {
        if (lines.Count > 0)
        {
            output.Add(new PageBlock(PageBlock.Text, Box(lines), lines.Select(line => line.Text).ToList()));
            lines.Clear();
        }
    }

    /// <summary>Two or more rows are a table; a single row is text after all (its words joined by single spaces).</summary>
    private void FlushRows(List<PageBlock> output)
    {
        if (_pendingRows.Count == 1)
        {
            output.Add(new PageBlock(PageBlock.Text, _pendingRows[0].Box, [string.Join(' ', _pendingRows[0].Cells)]));
        }
        else if (_pendingRows.Count > 1)
        {
            var rows = _pendingRows.Select(row => row.Cells).ToList();
            output.Add(new PageBlock(PageBlock.Table, PageBlock.Union(_pendingRows.Select(row => row.Box)), rows.Select(row => string.Join(' ', row)).ToList(), rows));
        }

        _pendingRows.Clear();
    }

    private string? HeadingLabel(OcrParagraph paragraph)
    {
        if (paragraph.Lines.Count > MaxShortLines || bodyHeight <= 0)
        {
            return null;
        }

        var ratio = paragraph.Lines.Min(line => line.AscentHeight) / bodyHeight;
        return ratio >= TitleRatio ? PageBlock.Title : ratio >= SubTitleRatio ? PageBlock.SubTitle : null;
    }

    /// <summary>A short paragraph starting within two body lines under a picture, overlapping it horizontally.</summary>
    private bool IsCaptionOf(OcrParagraph paragraph, PageBlock picture)
    {
        var box = Box(paragraph.Lines);
        return paragraph.Lines.Count <= MaxShortLines
            && box.Top >= picture.Box.Bottom - (bodyHeight / 2)
            && box.Top - picture.Box.Bottom <= 4 * bodyHeight
            && box.Left < picture.Box.Right && box.Right > picture.Box.Left;
    }

    private static PixelBox Box(IEnumerable<OcrLine> lines) => PageBlock.Union(lines.Select(line => line.Box));
}
