using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client;

/// <summary>One OCR request: the image and the generation options; null options are not sent.</summary>
public sealed record OcrRequest
{
    public const string DefaultPrompt = "<image>\nFree OCR.";

    public required ImageSource Image { get; init; }

    /// <summary>
    /// More images sent in the same request after <see cref="Image"/>: the service answers them together, pages
    /// separated by <c>&lt;--- Page Split ---&gt;</c>. Pixel boxes are then unknown (a box may belong to any image).
    /// </summary>
    public IReadOnlyList<ImageSource> MoreImages { get; init; } = [];

    /// <summary>The image, then the more images, in the order they are sent.</summary>
    internal IEnumerable<ImageSource> AllImages => MoreImages.Prepend(Image);

    /// <summary>Which of the official prompts to send, and how to read the answer's grounding markup.</summary>
    public OcrMode Mode { get; init; }

    /// <summary>The text to find, for <see cref="OcrMode.Locate"/> only.</summary>
    public string? LocateText { get; init; }

    /// <summary>A custom prompt; null: the mode's. A custom prompt wins over the mode's, which still says how to read the answer.</summary>
    public string? Prompt { get; init; }

    /// <summary>The image's size, for pixel boxes when the image is a URL (a file or buffer is measured from its header).</summary>
    public ImageSize? ImageSize { get; init; }

    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    /// <summary>A JSON object sent as <c>response_format</c>.</summary>
    public string? ResponseFormatJson { get; init; }

    /// <summary>A JSON array sent as <c>tools</c>.</summary>
    public string? ToolsJson { get; init; }

    /// <summary>A JSON object whose members are added to the request body (and override the library's defaults,
    /// e.g. <c>skip_special_tokens</c>).</summary>
    public string? ExtraBodyJson { get; init; }
}
