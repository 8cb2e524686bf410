using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>For answers that need the whole page (locate, description, JSON): nothing until the page is done.</summary>
public sealed class WholePageRenderer(Func<OcrPage, IReadOnlyList<string>> render) : IncrementalRenderer
{
    public override IReadOnlyList<string> Add(PageLayout layout, OcrBlock block) => [];

    public override IReadOnlyList<string> Finish(OcrPage page) => render(page);
}
