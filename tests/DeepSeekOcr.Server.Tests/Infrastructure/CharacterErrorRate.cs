using System.Text.RegularExpressions;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// Character error rate: the Levenshtein distance between recognised text and ground truth, divided by the length
/// of the ground truth, after collapsing every run of whitespace to one space (layout is not what is measured).
/// </summary>
public static partial class CharacterErrorRate
{
    public static double Of(string recognised, string truth)
    {
        var actual = Normalise(recognised);
        var expected = Normalise(truth);
        return expected.Length == 0 ? (actual.Length == 0 ? 0 : 1) : (double)Levenshtein(actual, expected) / expected.Length;
    }

    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
