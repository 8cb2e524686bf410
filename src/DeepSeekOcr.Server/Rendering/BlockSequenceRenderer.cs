using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Markdown forms: the page's <see cref="PageBlock"/>s, each rendered as it completes, a blank line between two
/// blocks that have any lines. A table can run on across layout blocks, so it is sent once the next block shows it ended.
/// </summary>
public sealed class BlockSequenceRenderer(Func<PageBlock, PageLayout, IReadOnlyList<string>> renderBlock) : IncrementalRenderer
{
    private PageBlockBuilder? _builder;
    private bool _wroteAny;

    public override IReadOnlyList<string> Add(PageLayout layout, OcrBlock block)
    {
        _builder ??= new PageBlockBuilder(layout.BodyHeight);
        return Write(_builder.Add(block), layout);
    }

    public override IReadOnlyList<string> Finish(OcrPage page) => _builder is null ? [] : Write(_builder.Finish(), page.Layout);

    private List<string> Write(IEnumerable<PageBlock> blocks, PageLayout layout)
    {
        var output = new List<string>();
        foreach (var lines in blocks.Select(block => renderBlock(block, layout)).Where(lines => lines.Count > 0))
        {
            if (_wroteAny)
            {
                output.Add("");
            }

            output.AddRange(lines);
            _wroteAny = true;
        }

        return output;
    }
}
