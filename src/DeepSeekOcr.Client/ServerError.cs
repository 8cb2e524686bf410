namespace DeepSeekOcr.Client;

/// <summary>
/// The error object a server sent with a failure (OpenAI's <c>{"error": {"message", "type", "param", "code"}}</c>),
/// as sent: a field the server left out is null; a numeric <c>code</c> is kept as its decimal text.
/// </summary>
public sealed record ServerError(string? Message, string? Type, string? Param, string? Code);
