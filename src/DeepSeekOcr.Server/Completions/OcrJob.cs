using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Completions;

/// <summary>A validated chat completion request, reduced to what the OCR needs.</summary>
public sealed record OcrJob(
    string Model,
    string ImageUrl,
    string Prompt,
    OutputMode Mode,
    int? MaxTokens,
    bool Stream,
    bool IncludeUsage)
{
    /// <summary>Prompt tokens by <see cref="TokenCounter"/>'s rule: the prompt text plus one image.</summary>
    public int PromptTokens => TokenCounter.Count(Prompt) + TokenCounter.ImageTokens;
}
