using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Turns a recognised page into output lines for the requested mode. Lines, not one string, because the server
/// streams one line per chunk; the whole answer is the lines joined with '\n'.
/// </summary>
public static class PageRenderer
{
    public static IReadOnlyList<string> Render(OcrPage page, OutputMode mode, string prompt = "", bool jsonObject = false) =>
        IncrementalRenderer.Render(page, IncrementalRenderer.For(mode, prompt, jsonObject));
}
