using System.Text.RegularExpressions;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// Picks the output form from what the prompt asks for, not from exact wording: a reference (<c>&lt;|ref|&gt;TEXT&lt;|/ref|&gt;</c>)
/// asks to locate that text; the word "markdown" asks for Markdown (labelled blocks with <c>&lt;|grounding|&gt;</c>);
/// "figure", "chart" or "describe" asks for a description; <c>&lt;|grounding|&gt;</c> alone asks for lines with boxes.
/// </summary>
public static partial class PromptInterpreter
{
    public const string GroundingTag = "<|grounding|>";

    public static OutputMode ModeFor(string prompt)
    {
        var grounding = prompt.Contains(GroundingTag, StringComparison.Ordinal);
        if (LocateTarget(prompt) is not null)
        {
            return OutputMode.Locate;
        }

        if (MarkdownIntent().IsMatch(prompt))
        {
            return grounding ? OutputMode.GroundedMarkdown : OutputMode.Markdown;
        }

        if (grounding)
        {
            return OutputMode.Grounding;
        }

        return DescriptionIntent().IsMatch(prompt) ? OutputMode.Description : OutputMode.PlainText;
    }

    /// <summary>The text between the prompt's first <c>&lt;|ref|&gt;</c> and <c>&lt;|/ref|&gt;</c>, or null.</summary>
    public static string? LocateTarget(string prompt)
    {
        var match = Reference().Match(prompt);
        return match.Success && match.Groups[1].Value.Trim().Length > 0 ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"<\|ref\|>(.*?)<\|/ref\|>", RegexOptions.Singleline)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\bmark\s?down\b|\bmd\b", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownIntent();

    [GeneratedRegex(@"\b(describe|description|figure|chart|diagram|graph|plot)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DescriptionIntent();
}
