using System.Text;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// A line's text with its columns kept: where two words are a column gap apart (as for a table,
/// <see cref="TableRowSplitter.ColumnGapRatio"/>), the next word is padded with spaces to the character column its
/// left edge is at, counted from the block's left edge in the block's mean character width; so columns of a receipt
/// or a form line up from line to line. Words an ordinary space apart keep one space.
/// </summary>
public static class SpacedLine
{
    /// <summary>The fewest spaces that still show a column gap once the words are set in characters.</summary>
    private const int MinimumColumnSpaces = 2;

    public static string Text(OcrLine line, int blockLeft, double characterWidth, double bodyHeight)
    {
        if (line.Words.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder(line.Words[0].Text);
        for (var i = 1; i < line.Words.Count; i++)
        {
            var word = line.Words[i];
            var spaces = 1;
            if (characterWidth > 0 && TableRowSplitter.IsColumnGap(line.Words[i - 1], word, bodyHeight))
            {
                var column = (int)Math.Round((word.Box.Left - blockLeft) / characterWidth);
                spaces = Math.Max(MinimumColumnSpaces, column - text.Length);
            }

            text.Append(' ', spaces).Append(word.Text);
        }

        return text.ToString();
    }

    /// <summary>
    /// The block's character advance: between words an ordinary space apart, the distance from one word's left edge
    /// to the next one's over the characters it spans (the word and its space), which is exact for a fixed-pitch
    /// font and the mean advance for another; a word's ink width alone would miss the glyphs' side bearings. A block
    /// with no such pair falls back to ink width over length.
    /// </summary>
    public static double CharacterWidth(OcrBlock block, double bodyHeight)
    {
        var lines = block.Paragraphs.SelectMany(paragraph => paragraph.Lines).ToList();
        long distance = 0, characters = 0;
        foreach (var line in lines)
        {
            for (var i = 1; i < line.Words.Count; i++)
            {
                var previous = line.Words[i - 1];
                if (!TableRowSplitter.IsColumnGap(previous, line.Words[i], bodyHeight))
                {
                    distance += line.Words[i].Box.Left - previous.Box.Left;
                    characters += previous.Text.Length + 1;
                }
            }
        }

        if (characters > 0)
        {
            return (double)distance / characters;
        }

        var words = lines.SelectMany(line => line.Words).ToList();
        var length = words.Sum(word => word.Text.Length);
        return length == 0 ? 0 : (double)words.Sum(word => word.Box.Right - word.Box.Left) / length;
    }
}
