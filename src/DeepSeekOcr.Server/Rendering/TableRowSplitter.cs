using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Splits a line into table cells where the gap between two words is far wider than a space: in body text a space
/// is under half the ascent height, between columns it is several characters wide.
/// </summary>
public static class TableRowSplitter
{
    /// <summary>Gap, in body ascent heights, from which two words belong to different columns.</summary>
    public const double ColumnGapRatio = 1.5;

    public static IReadOnlyList<string> Cells(OcrLine line, double bodyHeight)
    {
        var cells = new List<string>();
        var cell = new List<string>();
        for (var i = 0; i < line.Words.Count; i++)
        {
            if (i > 0 && IsColumnGap(line.Words[i - 1], line.Words[i], bodyHeight))
            {
                cells.Add(string.Join(' ', cell));
                cell.Clear();
            }

            cell.Add(line.Words[i].Text);
        }

        if (cell.Count > 0)
        {
            cells.Add(string.Join(' ', cell));
        }

        return cells;
    }

    /// <summary>Whether the gap between two words of a line is wide enough to part two columns.</summary>
    public static bool IsColumnGap(OcrWord left, OcrWord right, double bodyHeight) =>
        right.Box.Left - left.Box.Right > ColumnGapRatio * bodyHeight;
}
