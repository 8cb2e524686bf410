namespace DeepSeekOcr.Server.Ocr;

/// <summary>What Tesseract's layout analysis says a block is.</summary>
public enum OcrBlockKind
{
    /// <summary>Text of any kind: flowing, heading, pull-out, caption, table, vertical.</summary>
    Text,

    /// <summary>No text: a picture, a rule, a filled box (Tesseract's image, line and noise-free non-text types).</summary>
    Picture,
}
