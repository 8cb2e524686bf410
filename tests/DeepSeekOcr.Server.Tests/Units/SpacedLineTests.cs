using DeepSeekOcr.Server.Ocr;
using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>Words set on a fixed 10-pixel pitch (ink 8 pixels a letter): column gaps become spaces to the word's column.</summary>
[TestFixture]
public sealed class SpacedLineTests
{
    private const int Pitch = 10;
    private const double BodyHeight = 12;

    [Test]
    public void ColumnGap_PadsToTheWordsCharacterColumn()
    {
        var block = Block(Line((0, "Rye"), (4, "bread"), (20, "1"), (25, "3.40")), Line((0, "Total"), (24, "28.40")));

        var characterWidth = SpacedLine.CharacterWidth(block, BodyHeight);
        var lines = block.Paragraphs[0].Lines.Select(line => SpacedLine.Text(line, 0, characterWidth, BodyHeight)).ToList();

        Assert.That(characterWidth, Is.EqualTo(Pitch));
        Assert.That(lines, Is.EqualTo(new[] { "Rye bread           1    3.40", "Total                   28.40" }));
    }

    [Test]
    public void OrdinarySpaces_StayOneSpace()
    {
        var line = Line((0, "The"), (4, "reading"), (12, "room"));

        Assert.That(SpacedLine.Text(line, 0, Pitch, BodyHeight), Is.EqualTo("The reading room"));
    }

    [Test]
    public void AColumnTooCloseForItsPosition_StillGetsTwoSpaces()
    {
        // With a (wrong) 30-pixel character width "Qty" would be at column 3, yet 8 characters are already written.
        var line = Line((0, "Butter"), (7, "x"), (10, "Qty"));

        Assert.That(SpacedLine.Text(line, 0, 30, BodyHeight), Is.EqualTo("Butter x  Qty"));
    }

    private static OcrLine Line(params (int Column, string Text)[] words) =>
        new(
            new PixelBox(0, 0, 400, 12),
            words.Select(word => new OcrWord(word.Text, new PixelBox(word.Column * Pitch, 0, (word.Column * Pitch) + (word.Text.Length * Pitch) - 2, 12), 10)).ToList());

    private static OcrBlock Block(params OcrLine[] lines) => new(new PixelBox(0, 0, 400, 100), [new OcrParagraph(lines)]);
}
