namespace DeepSeekOcr.Client;

/// <summary>Token counts as the server reported them; zeros when it did not.</summary>
public readonly record struct OcrUsage(long PromptTokens, long CompletionTokens, long TotalTokens);
