using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Markdown from the layout: paragraphs separated by blank lines (their lines kept, which Markdown joins), a short
/// paragraph set in much taller type than the body becomes a heading, and runs of lines that split into the same
/// number of columns become a table.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>Ascent height over the body's from which a short paragraph is a <c>#</c> heading.</summary>
    public const double TitleRatio = 1.5;

    /// <summary>Ascent height over the body's from which a short paragraph is a <c>##</c> heading.</summary>
    public const double HeadingRatio = 1.2;

    /// <summary>A heading is a short paragraph: at most this many lines.</summary>
    public const int MaxHeadingLines = 2;

    public static IReadOnlyList<string> Render(OcrPage page)
    {
        var bodyHeight = MedianAscentHeight(page);
        var output = new List<string>();
        var pendingRows = new List<IReadOnlyList<string>>();

        foreach (var paragraph in page.Paragraphs)
        {
            if (HeadingLevel(paragraph, bodyHeight) is int level and > 0)
            {
                FlushRows(output, pendingRows);
                StartBlock(output);
                output.Add(new string('#', level) + " " + string.Join(' ', paragraph.Lines.Select(line => line.Text)));
                continue;
            }

            var wroteParagraphStart = false;
            foreach (var line in paragraph.Lines)
            {
                var cells = TableRowSplitter.Cells(line, bodyHeight);
                if (cells.Count >= 2 && (pendingRows.Count == 0 || pendingRows[0].Count == cells.Count))
                {
                    pendingRows.Add(cells);
                    continue;
                }

                var flushed = FlushRows(output, pendingRows);
                if (cells.Count >= 2)
                {
                    pendingRows.Add(cells);
                    continue;
                }

                if (!wroteParagraphStart || flushed)
                {
                    StartBlock(output);
                    wroteParagraphStart = true;
                }

                output.Add(line.Text);
            }
        }

        FlushRows(output, pendingRows);
        return output;
    }

    /// <summary>Writes the pending rows as a table if there are two or more, else as plain lines. True if it wrote.</summary>
    private static bool FlushRows(List<string> output, List<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            return false;
        }

        StartBlock(output);
        if (rows.Count == 1)
        {
            output.Add(string.Join(' ', rows[0]));
        }
        else
        {
            output.Add(TableRow(rows[0]));
            output.Add(TableRow(rows[0].Select(_ => "---")));
            output.AddRange(rows.Skip(1).Select(TableRow));
        }

        rows.Clear();
        return true;
    }

    private static string TableRow(IEnumerable<string> cells) =>
        "| " + string.Join(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))) + " |";

    /// <summary>Markdown blocks need a blank line between them.</summary>
    private static void StartBlock(List<string> output)
    {
        if (output.Count > 0 && output[^1].Length > 0)
        {
            output.Add("");
        }
    }

    private static int HeadingLevel(OcrParagraph paragraph, double bodyHeight)
    {
        if (paragraph.Lines.Count > MaxHeadingLines || bodyHeight <= 0)
        {
            return 0;
        }

        var ratio = (double)paragraph.Lines.Min(line => line.AscentHeight) / bodyHeight;
        return ratio >= TitleRatio ? 1 : ratio >= HeadingRatio ? 2 : 0;
    }

    /// <summary>The body text size: the median ascent height, which headings (few lines) hardly move.</summary>
    private static double MedianAscentHeight(OcrPage page)
    {
        var heights = page.Lines.Select(line => line.AscentHeight).Order().ToList();
        return heights.Count == 0 ? 0 : heights[heights.Count / 2];
    }
}
