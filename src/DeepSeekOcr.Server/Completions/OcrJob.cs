using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Completions;

/// <summary>
/// A validated chat completion request, reduced to what the OCR needs. <paramref name="JsonObject"/>: the answer is
/// a JSON object (<c>response_format: {"type":"json_object"}</c>) instead of the mode's text.
/// </summary>
public sealed record OcrJob(
    string Model,
    IReadOnlyList<string> ImageUrls,
    string Prompt,
    OutputMode Mode,
    int? MaxTokens,
    bool Stream,
    bool IncludeUsage,
    bool JsonObject)
{
    /// <summary>Prompt tokens by <see cref="TokenCounter"/>'s rule: the prompt text plus each image.</summary>
    public int PromptTokens => TokenCounter.Count(Prompt) + (TokenCounter.ImageTokens * ImageUrls.Count);
}
