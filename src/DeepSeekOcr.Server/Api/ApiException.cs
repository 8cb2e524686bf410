namespace DeepSeekOcr.Server.Api;

/// <summary>A request the server refuses: becomes an OpenAI-style error object with this HTTP status.</summary>
public sealed class ApiException(int statusCode, string type, string message, string? param = null, string? code = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Type { get; } = type;

    public string? Param { get; } = param;

    public string? Code { get; } = code;

    /// <summary>Sent as the Retry-After header (whole seconds) when set.</summary>
    public int? RetryAfterSeconds { get; init; }
}
