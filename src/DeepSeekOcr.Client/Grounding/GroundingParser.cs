using System.Globalization;
using System.Text;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Grounding;

/// <summary>
/// Reads DeepSeek-OCR's grounding markup, <c>&lt;|ref|&gt;LABEL&lt;|/ref|&gt;&lt;|det|&gt;[[x1, y1, x2, y2], ...]&lt;|/det|&gt;</c>
/// (the pattern of the official scripts' <c>re_match</c>), into regions, and writes the clean Markdown beside it:
/// tags removed, each <c>image</c> region replaced by a Markdown image link, <c>![](images/N.jpg)</c> unless told
/// otherwise (N counting image regions from 0, as run_dpsk_ocr_image.py names its crops: see <see cref="ImageLinks"/>).
/// Never throws: markup cut short (an answer stopped by max_tokens) ends the parse, and a ref whose boxes cannot be
/// read gives no region; the raw text keeps everything.
/// </summary>
public static class GroundingParser
{
    private const string RefOpen = "<|ref|>";
    private const string RefClose = "<|/ref|>";
    private const string DetOpen = "<|det|>";
    private const string DetClose = "<|/det|>";

    /// <summary>The coordinate the model gives to the far edge of the image: boxes are in 0..999.</summary>
    public const double Scale = 999.0;

    /// <param name="text">The model's answer.</param>
    /// <param name="refIsText">True for the ocr and locate modes, where the ref holds the text itself; else the ref is a
    /// label (title, text, table, image, ...) and the region's text is what follows the boxes up to the next tag.</param>
    /// <param name="size">The source image's size, for pixel boxes; null: pixel coordinates are -1.</param>
    /// <param name="links">How image regions are linked; null: <see cref="ImageLinks.Default"/>.</param>
    public static GroundedText Parse(string text, bool refIsText, ImageSize? size, ImageLinks? links = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        links ??= ImageLinks.Default;
        var markdown = new StringBuilder(text.Length);
        var regions = new List<GroundedRegion>();
        (string Label, List<GroundingBox> Boxes)? pending = null;
        int images = 0;
        int at = 0;
        while (true)
        {
            int open = text.IndexOf(RefOpen, at, StringComparison.Ordinal);
            string literal = open < 0 ? WithoutCutTag(text[at..]) : text[at..open];
            markdown.Append(literal);
            if (pending is { } region)
            {
                regions.Add(new GroundedRegion(region.Label, literal.Trim(), region.Boxes));
                pending = null;
            }

            if (open < 0)
            {
                break;
            }

            int labelStart = open + RefOpen.Length;
            int labelEnd = text.IndexOf(RefClose, labelStart, StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                break; // cut inside the ref
            }

            string label = text[labelStart..labelEnd];
            at = labelEnd + RefClose.Length;
            if (!text.AsSpan(at).StartsWith(DetOpen, StringComparison.Ordinal))
            {
                markdown.Append(label); // a ref without boxes: keep its words
                continue;
            }

            int boxesStart = at + DetOpen.Length;
            int boxesEnd = text.IndexOf(DetClose, boxesStart, StringComparison.Ordinal);
            if (boxesEnd < 0)
            {
                break; // cut inside the boxes
            }

            var boxes = ParseBoxes(text.AsSpan(boxesStart, boxesEnd - boxesStart), size);
            at = boxesEnd + DetClose.Length;
            if (refIsText)
            {
                markdown.Append(label);
                if (boxes.Count > 0)
                {
                    regions.Add(new GroundedRegion(label, label, boxes));
                }
            }
            else
            {
                if (label == "image")
                {
                    markdown.Append("![](").Append(links.Link(images++)).Append(')');
                }

                if (boxes.Count > 0)
                {
                    pending = (label, boxes);
                }
            }
        }

        return new GroundedText(markdown.ToString(), regions);
    }

    /// <summary>
    /// Every innermost <c>[a, b, c, d]</c> of the det tag, so both <c>[[...], [...]]</c> and a bare <c>[...]</c> read;
    /// a group that is not four numbers is skipped.
    /// </summary>
    private static List<GroundingBox> ParseBoxes(ReadOnlySpan<char> text, ImageSize? size)
    {
        var boxes = new List<GroundingBox>();
        int start = -1;
        for (int index = 0; index < text.Length; index++)
        {
            if (text[index] == '[')
            {
                start = index + 1;
            }
            else if (text[index] == ']' && start >= 0)
            {
                if (ParseBox(text[start..index], size) is { } box)
                {
                    boxes.Add(box);
                }

                start = -1;
            }
        }

        return boxes;
    }

    private static GroundingBox? ParseBox(ReadOnlySpan<char> group, ImageSize? size)
    {
        Span<int> values = stackalloc int[4];
        int count = 0;
        foreach (var range in group.Split(','))
        {
            var part = group[range].Trim();
            if (count == 4 || !double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value) || Math.Abs(value) > 1_000_000)
            {
                return null;
            }

            values[count++] = (int)value;
        }

        if (count != 4)
        {
            return null;
        }

        int width = size?.Width ?? 0, height = size?.Height ?? 0;
        return new GroundingBox(
            Pixel(values[0], width), Pixel(values[1], height), Pixel(values[2], width), Pixel(values[3], height),
            values[0], values[1], values[2], values[3]);
    }

    /// <summary>As the official scripts: <c>int(x / 999 * width)</c>, truncated; kept within the image.</summary>
    private static int Pixel(int normalized, int extent) =>
        extent <= 0 ? -1 : Math.Clamp((int)(normalized / Scale * extent), 0, extent);

    /// <summary>The text without a ref tag cut at its end ("...&lt;|re"), which is markup, not words.</summary>
    private static string WithoutCutTag(string literal)
    {
        int lt = literal.LastIndexOf("<|", StringComparison.Ordinal);
        return lt >= 0 && RefOpen.StartsWith(literal[lt..], StringComparison.Ordinal) ? literal[..lt] : literal;
    }
}
