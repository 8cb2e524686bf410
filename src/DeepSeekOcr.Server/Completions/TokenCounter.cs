namespace DeepSeekOcr.Server.Completions;

/// <summary>
/// The server's one token rule, used for usage and for max_tokens: a token is a maximal run of letters and digits,
/// or any single character that is neither a letter, a digit nor whitespace. Whitespace is free.
/// "Total: 4,218 books." is 7 tokens: Total : 4 , 218 books .
/// </summary>
public static class TokenCounter
{
    /// <summary>What one image costs in the prompt: DeepSeek-OCR's "Base" mode encodes an image as 256 vision tokens.</summary>
    public const int ImageTokens = 256;

    public static int Count(ReadOnlySpan<char> text)
    {
        _ = PrefixLength(text, int.MaxValue, out var tokens);
        return tokens;
    }

    /// <summary>
    /// The length of the shortest prefix of <paramref name="text"/> holding <paramref name="maxTokens"/> tokens (or all
    /// of the text if it has fewer), and how many tokens that prefix holds.
    /// </summary>
    public static int PrefixLength(ReadOnlySpan<char> text, int maxTokens, out int tokens)
    {
        tokens = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (tokens == maxTokens)
            {
                break;
            }

            tokens++;
            i += IsWordChar(c) ? WordLength(text[i..]) : CharLength(text[i..]);
        }

        // Trailing whitespace after the last counted token is not part of the cut.
        while (i > 0 && char.IsWhiteSpace(text[i - 1]) && tokens == maxTokens)
        {
            i--;
        }

        return i;
    }

    private static int WordLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && IsWordChar(text[length]))
        {
            length++;
        }

        return length;
    }

    /// <summary>A surrogate pair is one character: never cut between its halves.</summary>
    private static int CharLength(ReadOnlySpan<char> text) =>
        text.Length >= 2 && char.IsSurrogatePair(text[0], text[1]) ? 2 : 1;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);
}
