using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// A pixel box in DeepSeek-OCR's coordinates: 0-999 of the image width and height (the model's convention, which
/// its scripts undo as pixel = value / 999 * size).
/// </summary>
public static class NormalisedBox
{
    public const int Scale = 999;

    public static int[] Of(PixelBox box, OcrPage page) => Of(box, page.Width, page.Height);

    public static int[] Of(PixelBox box, int width, int height) =>
        [Normalise(box.Left, width), Normalise(box.Top, height), Normalise(box.Right, width), Normalise(box.Bottom, height)];

    /// <summary>The model's text form: <c>[[x1, y1, x2, y2]]</c>.</summary>
    public static string Text(PixelBox box, int width, int height) => "[" + List(box, width, height) + "]";

    /// <summary>One box of a list of boxes: <c>[x1, y1, x2, y2]</c>.</summary>
    public static string List(PixelBox box, int width, int height) => "[" + string.Join(", ", Of(box, width, height)) + "]";

    private static int Normalise(int pixel, int size) =>
        Math.Clamp((int)Math.Round((double)pixel * Scale / size, MidpointRounding.AwayFromZero), 0, Scale);
}
