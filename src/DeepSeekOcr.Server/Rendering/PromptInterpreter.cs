namespace DeepSeekOcr.Server.Rendering;

/// <summary>Picks the output form from the prompt the way DeepSeek-OCR's documented prompts do.</summary>
public static class PromptInterpreter
{
    public const string GroundingTag = "<|grounding|>";
    public const string MarkdownInstruction = "Convert the document to markdown";

    public static OutputMode ModeFor(string prompt)
    {
        if (prompt.Contains(GroundingTag, StringComparison.Ordinal))
        {
            return OutputMode.Grounding;
        }

        return prompt.Contains(MarkdownInstruction, StringComparison.OrdinalIgnoreCase) ? OutputMode.Markdown : OutputMode.PlainText;
    }
}
