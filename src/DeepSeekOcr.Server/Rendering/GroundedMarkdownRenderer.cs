using System.Net;
using System.Text;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// DeepSeek-OCR's answer to <c>&lt;|grounding|&gt;Convert the document to markdown.</c>: the blocks in reading order,
/// each a line <c>&lt;|ref|&gt;LABEL&lt;|/ref|&gt;&lt;|det|&gt;[[x1, y1, x2, y2]]&lt;|/det|&gt;</c> (0-999 of the image)
/// followed by its content (a title as <c>#</c>, a sub_title as <c>##</c>, a table as one line of HTML
/// <c>&lt;table&gt;</c> as the model writes it, nothing for an image), a blank line between blocks.
/// </summary>
public static class GroundedMarkdownRenderer
{
    public static IReadOnlyList<string> Render(OcrPage page) => PageRenderer.Render(page, OutputMode.GroundedMarkdown);

    public static IReadOnlyList<string> Block(PageBlock block, int width, int height)
    {
        var reference = $"<|ref|>{block.Label}<|/ref|><|det|>{NormalisedBox.Text(block.Box, width, height)}<|/det|>";
        return block is { Label: PageBlock.Table, Rows: { } rows }
            ? [reference, HtmlTable(rows)]
            : [reference, .. MarkdownRenderer.Content(block)];
    }

    private static string HtmlTable(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</table>").ToString();
    }
}
