using System.Text.Json.Serialization;

namespace DeepSeekOcr.Server.Json;

/// <summary>
/// The content of an answer to <c>response_format: {"type":"json_object"}</c>: the mode's text and the text lines
/// with their boxes (0-999 of the image, as in the model's grounding output).
/// </summary>
public sealed record JsonModeAnswer(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("regions")] IReadOnlyList<JsonModeRegion> Regions);
