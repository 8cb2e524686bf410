using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// One block of a page as DeepSeek-OCR labels them in Markdown mode: <see cref="Label"/> is the model's label
/// (<c>title</c>, <c>sub_title</c>, <c>text</c>, <c>table</c>, <c>image</c>, <c>image_caption</c>), <see cref="Box"/>
/// its pixels, <see cref="Lines"/> its text lines (none for an image) and, for a table, <see cref="Rows"/> its cells.
/// </summary>
public sealed record PageBlock(string Label, PixelBox Box, IReadOnlyList<string> Lines, IReadOnlyList<IReadOnlyList<string>>? Rows = null)
{
    public const string Title = "title";
    public const string SubTitle = "sub_title";
    public const string Text = "text";
    public const string Table = "table";
    public const string Image = "image";
    public const string ImageCaption = "image_caption";

    public static PixelBox Union(IEnumerable<PixelBox> boxes)
    {
        var list = boxes.ToList();
        return list.Count == 0
            ? default
            : new PixelBox(list.Min(box => box.Left), list.Min(box => box.Top), list.Max(box => box.Right), list.Max(box => box.Bottom));
    }
}
