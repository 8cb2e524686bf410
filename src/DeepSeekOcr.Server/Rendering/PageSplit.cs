namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// What separates the answers for the images of one request: a line <c>&lt;--- Page Split ---&gt;</c> between blank
/// lines, the separator DeepSeek-OCR's own PDF script (run_dpsk_ocr_pdf.py) puts between pages.
/// </summary>
public static class PageSplit
{
    public const string Marker = "<--- Page Split --->";

    public static IReadOnlyList<string> Lines { get; } = ["", Marker, ""];
}
