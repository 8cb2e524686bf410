namespace DeepSeekOcr.Server.Ocr;

/// <summary>One text line: its words left to right.</summary>
public sealed record OcrLine(PixelBox Box, IReadOnlyList<OcrWord> Words)
{
    public string Text => string.Join(' ', Words.Select(word => word.Text));

    /// <summary>
    /// The type size as the height of capitals and ascenders above the baseline, measured word by word: unlike the
    /// line's box it grows neither with descenders nor with a tilted scan.
    /// </summary>
    public int AscentHeight => Words.Count == 0 ? 0 : Words.Max(word => word.Ascent);
}
