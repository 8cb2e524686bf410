using System.Globalization;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// DeepSeek-OCR's grounding form, one text line per output line:
/// <c>&lt;|ref|&gt;text&lt;|/ref|&gt;&lt;|det|&gt;[[x1, y1, x2, y2]]&lt;|/det|&gt;</c>, with coordinates scaled to 0-999
/// of the image width and height (the model's convention: pixel = value / 999 * size).
/// </summary>
public static class GroundingRenderer
{
    public const int Scale = 999;

    public static IReadOnlyList<string> Render(OcrPage page) =>
        page.Lines
            .Select(line => string.Create(
                CultureInfo.InvariantCulture,
                $"<|ref|>{line.Text}<|/ref|><|det|>[[{Normalise(line.Box.Left, page.Width)}, {Normalise(line.Box.Top, page.Height)}, {Normalise(line.Box.Right, page.Width)}, {Normalise(line.Box.Bottom, page.Height)}]]<|/det|>"))
            .ToList();

    private static int Normalise(int pixel, int size) =>
        Math.Clamp((int)Math.Round((double)pixel * Scale / size, MidpointRounding.AwayFromZero), 0, Scale);
}
