using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Renders a page for one mode as its blocks are recognised: <see cref="Add"/> gives the output lines a block
/// completes, <see cref="Finish"/> the rest once the page is done. A whole answer is the same calls in a row, so
/// a streamed answer and a whole one are the same text.
/// </summary>
public abstract class IncrementalRenderer
{
    public abstract IReadOnlyList<string> Add(PageLayout layout, OcrBlock block);

    public abstract IReadOnlyList<string> Finish(OcrPage page);

    /// <param name="mode">The form the prompt asks for.</param>
    /// <param name="prompt">The prompt (Locate reads its target from it).</param>
    /// <param name="jsonObject">Wrap the answer in a JSON object (response_format json_object): only possible once the page is done.</param>
    public static IncrementalRenderer For(OutputMode mode, string prompt, bool jsonObject = false) =>
        jsonObject
            ? new WholePageRenderer(page => [JsonModeRenderer.Render(page, Render(page, For(mode, prompt)))])
            : mode switch
            {
                OutputMode.Markdown => new BlockSequenceRenderer((block, _) => MarkdownRenderer.Content(block)),
                OutputMode.GroundedMarkdown => new BlockSequenceRenderer((block, layout) => GroundedMarkdownRenderer.Block(block, layout.Width, layout.Height)),
                OutputMode.Grounding => new GroundingRenderer(),
                OutputMode.Locate => new WholePageRenderer(page => LocateRenderer.Render(page, PromptInterpreter.LocateTarget(prompt) ?? "")),
                OutputMode.Description => new WholePageRenderer(DescriptionRenderer.Render),
                _ => new PlainTextRenderer(),
            };

    /// <summary>A whole page at once, through the same calls a stream makes.</summary>
    public static IReadOnlyList<string> Render(OcrPage page, IncrementalRenderer renderer)
    {
        var lines = page.Blocks.SelectMany(block => renderer.Add(page.Layout, block)).ToList();
        lines.AddRange(renderer.Finish(page));
        return lines;
    }
}
