using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>One part of a message's content: <c>{"type":"text","text":...}</c> or <c>{"type":"image_url","image_url":{...}}</c>.</summary>
public sealed class ContentPart
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("image_url")]
    public ImageUrl? ImageUrl { get; set; }
}
