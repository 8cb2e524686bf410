namespace DeepSeekOcr.Server.Rendering;

/// <summary>The output forms DeepSeek-OCR's prompts ask for.</summary>
public enum OutputMode
{
    /// <summary><c>Free OCR.</c> and any other prompt: the text, line by line.</summary>
    PlainText,

    /// <summary><c>Convert the document to markdown.</c>: paragraphs, headings, tables.</summary>
    Markdown,

    /// <summary>A prompt with <c>&lt;|grounding|&gt;</c>: each line with its box.</summary>
    Grounding,
}
