using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>An image reference: a public http(s) URL or a <c>data:</c> URL holding the bytes in Base64.</summary>
public sealed class ImageUrl
{
    [JsonPropertyName("url")]
    public string Url { get; set; } = "";
}
