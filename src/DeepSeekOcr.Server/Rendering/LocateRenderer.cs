using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// DeepSeek-OCR's answer to <c>Locate &lt;|ref|&gt;TEXT&lt;|/ref|&gt; in the image.</c>: the reference and the boxes of
/// every place the text is found, <c>&lt;|ref|&gt;TEXT&lt;|/ref|&gt;&lt;|det|&gt;[[x1, y1, x2, y2], ...]&lt;|/det|&gt;</c>
/// (0-999). A match is the shortest run of words on one line whose text holds TEXT, ignoring case; the box is the
/// union of those words' boxes. Nothing found: an empty list, <c>[]</c>.
/// </summary>
public static class LocateRenderer
{
    public static IReadOnlyList<string> Render(OcrPage page, string target)
    {
        var boxes = Find(page, target).Select(box => NormalisedBox.List(box, page.Width, page.Height));
        return [$"<|ref|>{target}<|/ref|><|det|>[{string.Join(", ", boxes)}]<|/det|>"];
    }

    public static IEnumerable<PixelBox> Find(OcrPage page, string target)
    {
        var wanted = Normalise(target);
        foreach (var line in page.Lines)
        {
            var start = 0;
            while (start < line.Words.Count)
            {
                var end = ShortestRunFrom(line.Words, start, wanted);
                if (end < 0)
                {
                    start++;
                    continue;
                }

                yield return PageBlock.Union(line.Words.Skip(start).Take(end - start + 1).Select(word => word.Box));
                start = end + 1;
            }
        }
    }

    /// <summary>The last word of the shortest run starting at <paramref name="start"/> that holds the text, or -1.</summary>
    private static int ShortestRunFrom(IReadOnlyList<OcrWord> words, int start, string wanted)
    {
        var run = "";
        for (var end = start; end < words.Count; end++)
        {
            run = end == start ? Normalise(words[end].Text) : run + " " + Normalise(words[end].Text);
            if (run.Contains(wanted, StringComparison.Ordinal))
            {
                // A run that still holds the text without its first word is found from a later start.
                return end > start && string.Join(' ', words.Skip(start + 1).Take(end - start).Select(word => Normalise(word.Text))).Contains(wanted, StringComparison.Ordinal)
                    ? -1
                    : end;
            }
        }

        return -1;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
