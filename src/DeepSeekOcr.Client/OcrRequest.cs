using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client;

/// <summary>One OCR request: the image and the generation options; null options are not sent.</summary>
public sealed record OcrRequest
{
    public const string DefaultPrompt = "<image>\nFree OCR.";

    public required ImageSource Image { get; init; }

    public string Prompt { get; init; } = DefaultPrompt;

    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    /// <summary>A JSON object sent as <c>response_format</c>.</summary>
    public string? ResponseFormatJson { get; init; }

    /// <summary>A JSON array sent as <c>tools</c>.</summary>
    public string? ToolsJson { get; init; }

    /// <summary>A JSON object whose members are added to the request body.</summary>
    public string? ExtraBodyJson { get; init; }
}
