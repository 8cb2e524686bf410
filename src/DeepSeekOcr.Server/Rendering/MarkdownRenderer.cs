using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Markdown without boxes (<c>Convert the document to markdown.</c>): the page's blocks separated by blank lines,
/// titles as <c>#</c>, sub_titles as <c>##</c>, tables as Markdown pipe tables, pictures left out (there is no text
/// to give and no box is asked for).
/// </summary>
public static class MarkdownRenderer
{
    public static IReadOnlyList<string> Render(OcrPage page) => PageRenderer.Render(page, OutputMode.Markdown);

    public static IReadOnlyList<string> Render(IEnumerable<PageBlock> blocks)
    {
        var output = new List<string>();
        foreach (var lines in blocks.Select(Content).Where(lines => lines.Count > 0))
        {
            if (output.Count > 0)
            {
                output.Add("");
            }

            output.AddRange(lines);
        }

        return output;
    }

    /// <summary>One block's Markdown lines; none for a picture.</summary>
    public static IReadOnlyList<string> Content(PageBlock block) => block.Label switch
    {
        PageBlock.Title => ["# " + block.Lines[0]],
        PageBlock.SubTitle => ["## " + block.Lines[0]],
        PageBlock.Image => [],
        PageBlock.Table when block.Rows is { Count: > 0 } rows =>
            [TableRow(rows[0]), TableRow(rows[0].Select(_ => "---")), .. rows.Skip(1).Select(TableRow)],
        _ => block.Lines,
    };

    private static string TableRow(IEnumerable<string> cells) =>
        "| " + string.Join(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
}
