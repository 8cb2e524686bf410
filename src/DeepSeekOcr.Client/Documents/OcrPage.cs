using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// One page of a document: its number in the PDF, its outcome (a result, or the failure that is this page's alone),
/// the size it was rendered at (which the result's pixel boxes refer to), and the figures cropped from it.
/// </summary>
public sealed record OcrPage
{
    /// <summary>The 1-based number of the page in the PDF.</summary>
    public required int Number { get; init; }

    public OcrStatus Status => Error?.Status ?? OcrStatus.Ok;

    /// <summary>Why the page failed; null when it did not.</summary>
    public OcrException? Error { get; init; }

    /// <summary>The answer; null when the page failed. Its markdown links figures as images/NAME_PAGE_N.png.</summary>
    public OcrResult? Result { get; init; }

    /// <summary>The rendered page's size in pixels; null when it was not rendered.</summary>
    public ImageSize? Size { get; init; }

    public IReadOnlyList<OcrFigure> Figures { get; init; } = [];
}
