namespace DeepSeekOcr.Server.Completions;

/// <summary>The output pieces after max_tokens, why the output ended, and its token count.</summary>
public sealed record BudgetedOutput(IReadOnlyList<string> Pieces, string FinishReason, int CompletionTokens)
{
    public string Text => string.Concat(Pieces);
}
