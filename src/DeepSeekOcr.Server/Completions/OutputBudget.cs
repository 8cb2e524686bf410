namespace DeepSeekOcr.Server.Completions;

/// <summary>
/// Cuts the output to max_tokens as it is produced, line by line, and turns lines into the pieces that are sent:
/// every line but the first starts with its '\n', so the pieces concatenate to the lines joined by '\n' without
/// knowing which line will be the last. Once the budget is spent the rest is dropped and the answer ends with
/// finish_reason "length".
/// </summary>
public sealed class OutputBudget(int? maxTokens)
{
    public const string Stop = "stop";
    public const string Length = "length";

    private bool _started;

    /// <summary>Tokens given out so far.</summary>
    public int CompletionTokens { get; private set; }

    /// <summary>True once a line had to be cut: nothing more will be given out.</summary>
    public bool Exhausted { get; private set; }

    public string FinishReason => Exhausted ? Length : Stop;

    /// <param name="lines">The rendered lines; the answer is them joined with '\n'.</param>
    /// <param name="maxTokens">null: no limit.</param>
    public static BudgetedOutput Apply(IReadOnlyList<string> lines, int? maxTokens)
    {
        var budget = new OutputBudget(maxTokens);
        var pieces = lines.Select(budget.Take).Where(piece => piece is not null).Select(piece => piece!).ToList();
        return new BudgetedOutput(pieces, budget.FinishReason, budget.CompletionTokens);
    }

    /// <summary>The piece to send for the next line (the line, or what of it fits), or null if nothing more fits.</summary>
    public string? Take(string line)
    {
        if (Exhausted)
        {
            return null;
        }

        var piece = _started ? "\n" + line : line;
        _started = true;
        var tokens = TokenCounter.Count(piece);
        if (maxTokens is int full && CompletionTokens == full && tokens == 0)
        {
            // A blank line after the last token that fits would only trail the cut answer.
            return null;
        }

        if (maxTokens is not int limit || CompletionTokens + tokens <= limit)
        {
            CompletionTokens += tokens;
            return piece;
        }

        var length = TokenCounter.PrefixLength(piece, limit - CompletionTokens, out var used);
        CompletionTokens += used;
        Exhausted = true;
        return length > 0 ? piece[..length] : null;
    }
}
