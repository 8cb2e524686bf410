namespace DeepSeekOcr.Server.Completions;

/// <summary>Cuts the rendered lines to max_tokens and turns them into the pieces that are sent (one per line).</summary>
public static class OutputBudget
{
    public const string Stop = "stop";
    public const string Length = "length";

    /// <param name="lines">The rendered lines; the answer is them joined with '\n'.</param>
    /// <param name="maxTokens">null: no limit.</param>
    public static BudgetedOutput Apply(IReadOnlyList<string> lines, int? maxTokens)
    {
        // Every line but the last keeps its '\n', so the pieces concatenate to the whole answer.
        var pieces = lines.Select((line, i) => i < lines.Count - 1 ? line + "\n" : line).ToList();
        var total = pieces.Sum(piece => TokenCounter.Count(piece));
        if (maxTokens is not int limit || total <= limit)
        {
            return new BudgetedOutput(pieces, Stop, total);
        }

        var kept = new List<string>();
        var remaining = limit;
        foreach (var piece in pieces)
        {
            var length = TokenCounter.PrefixLength(piece, remaining, out var used);
            remaining -= used;
            if (remaining == 0)
            {
                if (length > 0)
                {
                    kept.Add(piece[..length]);
                }

                break;
            }

            kept.Add(piece);
        }

        return new BudgetedOutput(kept, Length, limit);
    }
}
