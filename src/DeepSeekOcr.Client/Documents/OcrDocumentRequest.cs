namespace DeepSeekOcr.Client.Documents;

/// <summary>A PDF to recognise page by page, and how: exactly one of <see cref="PdfPath"/> and <see cref="PdfBytes"/>.</summary>
public sealed record OcrDocumentRequest
{
    /// <summary>The resolution of the official pipeline (run_dpsk_ocr_pdf.py renders at 144 DPI).</summary>
    public const int DefaultDpi = 144;

    public const int MinDpi = 36;

    public const int MaxDpi = 600;

    public const int DefaultConcurrency = 4;

    public const int MaxConcurrency = 64;

    /// <summary>The name figures get when neither <see cref="Name"/> nor a path gives one.</summary>
    public const string DefaultName = "document";

    public string? PdfPath { get; init; }

    /// <summary>The PDF's bytes; they must stay unchanged until the call returns.</summary>
    public ReadOnlyMemory<byte>? PdfBytes { get; init; }

    /// <summary>The resolution pages are rendered at, <see cref="MinDpi"/> to <see cref="MaxDpi"/>.</summary>
    public int Dpi { get; init; } = DefaultDpi;

    /// <summary>The 1-based numbers of the pages to recognise, returned in this order; null: every page.</summary>
    public IReadOnlyList<int>? Pages { get; init; }

    /// <summary>How many pages are recognised at once, 1 to <see cref="MaxConcurrency"/>; as many are rendered ahead.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Whether each page's <c>image</c> regions are cropped into <see cref="OcrPage.Figures"/> as PNG.</summary>
    public bool CropFigures { get; init; }

    /// <summary>Figures are NAME_PAGE_N.png; null: the file name of <see cref="PdfPath"/> less its extension, or "document".</summary>
    public string? Name { get; init; }

    public static OcrDocumentRequest FromFile(string path) => new() { PdfPath = path };

    public static OcrDocumentRequest FromBytes(ReadOnlyMemory<byte> pdf) => new() { PdfBytes = pdf };
}
