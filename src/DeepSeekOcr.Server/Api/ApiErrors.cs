namespace DeepSeekOcr.Server.Api;

/// <summary>The refusals the server makes, in one place, typed the way OpenAI's API types them.</summary>
public static class ApiErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";

    public static ApiException BadRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, InvalidRequest, message, param, code);

    public static ApiException Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, InvalidRequest, message, code: "invalid_api_key");

    public static ApiException NotFound(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status404NotFound, InvalidRequest, message, param, code);

    public static ApiException MethodNotAllowed(string method, string path, string allowed) =>
        new(StatusCodes.Status405MethodNotAllowed, InvalidRequest, $"{method} is not allowed on {path}; use {allowed}");

    public static ApiException PayloadTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, InvalidRequest, $"the request body is larger than the limit of {limit} bytes", code: "request_too_large");

    public static ApiException UnsupportedMediaType(string? contentType) =>
        new(
            StatusCodes.Status415UnsupportedMediaType,
            InvalidRequest,
            $"the request body must be JSON (Content-Type: application/json), not '{contentType ?? "none"}'");

    /// <summary>OpenAI's rate-limit answer (type "requests", code "rate_limit_exceeded"), which its SDKs retry after Retry-After.</summary>
    public static ApiException TooManyRequests(string message, int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, "requests", message, code: "rate_limit_exceeded") { RetryAfterSeconds = retryAfterSeconds };

    public static ApiException Internal(string message) =>
        new(StatusCodes.Status500InternalServerError, ServerError, message);
}
