namespace DeepSeekOcr.Server.Rendering;

/// <summary>The output forms of DeepSeek-OCR's six documented prompts.</summary>
public enum OutputMode
{
    /// <summary><c>Free OCR.</c> and any prompt that asks for nothing else: the text, line by line.</summary>
    PlainText,

    /// <summary>Markdown asked for without <c>&lt;|grounding|&gt;</c>: paragraphs, headings, tables.</summary>
    Markdown,

    /// <summary><c>&lt;|grounding|&gt;Convert the document to markdown.</c>: labelled blocks with boxes, then their Markdown.</summary>
    GroundedMarkdown,

    /// <summary><c>&lt;|grounding|&gt;OCR this image.</c> (grounding without Markdown): each text line with its box.</summary>
    Grounding,

    /// <summary><c>Locate &lt;|ref|&gt;TEXT&lt;|/ref|&gt; in the image.</c>: the boxes of that text.</summary>
    Locate,

    /// <summary><c>Parse the figure.</c> / <c>Describe this image in detail.</c>: a plain description of what is seen.</summary>
    Description,
}
