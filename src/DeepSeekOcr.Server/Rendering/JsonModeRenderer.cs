using System.Text.Json;
using DeepSeekOcr.Server.Json;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>Wraps the mode's output in one JSON object, for <c>response_format: {"type":"json_object"}</c>.</summary>
public static class JsonModeRenderer
{
    public static string Render(OcrPage page, IReadOnlyList<string> modeLines)
    {
        var regions = page.Lines
            .Select(line => new JsonModeRegion("text", line.Text, NormalisedBox.Of(line.Box, page)))
            .ToList();
        return JsonSerializer.Serialize(new JsonModeAnswer(string.Join('\n', modeLines), regions), ServerJsonContext.Default.JsonModeAnswer);
    }
}
