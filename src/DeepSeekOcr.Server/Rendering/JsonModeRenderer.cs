using System.Text.Json;
using DeepSeekOcr.Server.Json;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>Wraps the mode's output in one JSON object, for <c>response_format: {"type":"json_object"}</c>.</summary>
public static class JsonModeRenderer
{
    public static string Render(OcrPage page, IReadOnlyList<string> modeLines) => Render([(page, modeLines)]);

    /// <summary>
    /// The pages of a request with several images in one object: the texts joined by <see cref="PageSplit"/> as in
    /// a text answer, each region with the index of its image (from 0); a single page's regions carry no index.
    /// </summary>
    public static string Render(IReadOnlyList<(OcrPage Page, IReadOnlyList<string> Lines)> pages)
    {
        var text = string.Join('\n', pages.Select((page, index) => index == 0 ? page.Lines : PageSplit.Lines.Concat(page.Lines)).SelectMany(lines => lines));
        var regions = pages
            .SelectMany((page, index) => page.Page.Lines.Select(line =>
                new JsonModeRegion("text", line.Text, NormalisedBox.Of(line.Box, page.Page)) { Image = pages.Count == 1 ? null : index }))
            .ToList();
        return JsonSerializer.Serialize(new JsonModeAnswer(text, regions), ServerJsonContext.Default.JsonModeAnswer);
    }
}
