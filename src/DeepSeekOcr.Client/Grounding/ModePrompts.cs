namespace DeepSeekOcr.Client.Grounding;

/// <summary>The prompt of each <see cref="OcrMode"/>, as the official scripts write it, and what its answer looks like.</summary>
internal static class ModePrompts
{
    public static string For(OcrMode mode, string? locateText, OptionNames names)
    {
        if (mode != OcrMode.Locate && locateText is not null)
        {
            throw Invalid($"{names.LocateText} is set but the mode is {Name(mode)}: it is used only by the locate mode");
        }

        return mode switch
        {
            OcrMode.Free => OcrRequest.DefaultPrompt,
            OcrMode.Markdown => "<image>\n<|grounding|>Convert the document to markdown.",
            OcrMode.Ocr => "<image>\n<|grounding|>OCR this image.",
            OcrMode.Figure => "<image>\nParse the figure.",
            OcrMode.Describe => "<image>\nDescribe this image in detail.",
            OcrMode.Locate when string.IsNullOrEmpty(locateText) => throw Invalid($"the locate mode needs {names.LocateText}: the text to find"),
            OcrMode.Locate => $"<image>\nLocate <|ref|>{locateText}<|/ref|> in the image.",
            _ => throw Invalid($"mode {(int)mode} is not an ocr_mode (0 to {(int)OcrMode.Locate})"),
        };
    }

    /// <summary>Whether the answer's grounding tags can only reach the client with special tokens kept.</summary>
    public static bool Grounds(OcrMode mode, string prompt) =>
        mode is OcrMode.Markdown or OcrMode.Ocr or OcrMode.Locate
        || prompt.Contains("<|grounding|>", StringComparison.Ordinal) || prompt.Contains("<|ref|>", StringComparison.Ordinal);

    /// <summary>In these modes the model writes the text itself inside the ref tag; otherwise the ref is a label.</summary>
    public static bool RefIsText(OcrMode mode) => mode is OcrMode.Ocr or OcrMode.Locate;

    public static string Name(OcrMode mode) => mode.ToString().ToLowerInvariant();

    private static OcrException Invalid(string message) => new(OcrStatus.InvalidArgument, message);
}
