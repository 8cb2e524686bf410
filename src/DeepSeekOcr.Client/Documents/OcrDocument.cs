namespace DeepSeekOcr.Client.Documents;

/// <summary>A recognised document: its pages in the order asked for, each with its own outcome.</summary>
public sealed record OcrDocument(IReadOnlyList<OcrPage> Pages, int PdfPageCount)
{
    /// <summary>What the official pipeline (run_dpsk_ocr_pdf.py) writes between pages.</summary>
    public const string PageSplit = "\n<--- Page Split --->\n";

    /// <summary>The pages' clean Markdown joined by <see cref="PageSplit"/>, "" for a page that failed.</summary>
    public string Markdown => string.Join(PageSplit, Pages.Select(page => page.Result?.Markdown ?? ""));

    /// <summary>The pages' text as the server sent it (grounding tags included), joined the same way.</summary>
    public string RawText => string.Join(PageSplit, Pages.Select(page => page.Result?.Text ?? ""));

    /// <summary>How many pages failed.</summary>
    public int FailedCount => Pages.Count(page => page.Status != OcrStatus.Ok);
}
