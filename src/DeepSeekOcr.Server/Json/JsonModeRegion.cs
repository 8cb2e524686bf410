using System.Text.Json.Serialization;

namespace DeepSeekOcr.Server.Json;

/// <summary>
/// One region of a <see cref="JsonModeAnswer"/>: its label, its text and its box <c>[x1, y1, x2, y2]</c> in 0-999;
/// with several images, also the index of the image it is in.
/// </summary>
public sealed record JsonModeRegion(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("box")] IReadOnlyList<int> Box)
{
    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Image { get; init; }
}
