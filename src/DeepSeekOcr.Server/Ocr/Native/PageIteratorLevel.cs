namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>tesseract::PageIteratorLevel: the unit an iterator call works on.</summary>
internal enum PageIteratorLevel
{
    Block = 0,
    Paragraph = 1,
    TextLine = 2,
    Word = 3,
    Symbol = 4,
}
