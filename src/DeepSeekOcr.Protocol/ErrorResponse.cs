using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>The body of a failed request: <c>{"error": {...}}</c>.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("error")]
    public ApiError? Error { get; set; }
}
