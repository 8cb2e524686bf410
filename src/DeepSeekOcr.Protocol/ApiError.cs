using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>An OpenAI-style error object: the value of <c>"error"</c>.</summary>
public sealed class ApiError
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("param")]
    public string? Param { get; set; }

    /// <summary>A string in OpenAI's API, a number in some others: kept as sent.</summary>
    [JsonPropertyName("code")]
    public JsonElement? Code { get; set; }
}
