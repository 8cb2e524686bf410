using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// Parses DeepSeek-OCR's grounded output the way its own scripts do (run_dpsk_ocr_image.py's <c>re_match</c>:
/// <c>&lt;|ref|&gt;(.*?)&lt;|/ref|&gt;&lt;|det|&gt;(.*?)&lt;|/det|&gt;</c>, boxes as a list of [x1, y1, x2, y2] in 0-999),
/// keeping the content that follows each reference up to the next one.
/// </summary>
public static partial class GroundedAnswer
{
    public sealed record Reference(string Label, IReadOnlyList<int[]> Boxes, string Content);

    public static List<Reference> Parse(string answer)
    {
        var matches = ReferencePattern().Matches(answer);
        var references = new List<Reference>();
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : answer.Length;
            var contentStart = matches[i].Index + matches[i].Length;
            var boxes = BoxPattern().Matches(matches[i].Groups[2].Value)
                .Select(box => Enumerable.Range(1, 4).Select(g => int.Parse(box.Groups[g].Value, CultureInfo.InvariantCulture)).ToArray())
                .ToList();
            Assert.That(matches[i].Groups[2].Value, Does.Match(@"^\[(\[\d+, \d+, \d+, \d+\](, )?)*\]$"), "the det list: " + matches[i].Value);
            references.Add(new Reference(matches[i].Groups[1].Value, boxes, answer[contentStart..end].Trim()));
        }

        return references;
    }

    /// <summary>A 0-999 box in pixels, widened by the rounding of the scale.</summary>
    public static (double Left, double Top, double Right, double Bottom) InPixels(int[] box, int width, int height)
    {
        double slackX = (width / 999.0) + 1;
        double slackY = (height / 999.0) + 1;
        return ((box[0] * width / 999.0) - slackX, (box[1] * height / 999.0) - slackY, (box[2] * width / 999.0) + slackX, (box[3] * height / 999.0) + slackY);
    }

    [GeneratedRegex(@"<\|ref\|>(.*?)<\|/ref\|><\|det\|>(.*?)<\|/det\|>", RegexOptions.Singleline)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\[(\d+), (\d+), (\d+), (\d+)\]")]
    private static partial Regex BoxPattern();
}
