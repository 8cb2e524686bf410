using System.Globalization;
using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client.Http;

/// <summary>Reads an OpenAI-style error object (<c>{"error": {"message", "type", "param", "code"}}</c>) into a <see cref="ServerError"/>.</summary>
internal static class ServerErrorReader
{
    /// <summary>The error object <paramref name="json"/> holds, or null when it is not one.</summary>
    public static ServerError? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ErrorResponse)?.Error is { } error ? From(error) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ServerError From(ApiError error) => new(error.Message, error.Type, error.Param, CodeText(error.Code));

    /// <summary>What a message quotes of the error: its message, else its type.</summary>
    public static string Summary(ServerError error) => error.Message ?? error.Type ?? "(an error object without a message)";

    // OpenAI sends a string; vLLM and others a number, kept as its decimal text ("500", not "5e2").
    private static string? CodeText(JsonElement? code) => code switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number when number.TryGetDecimal(out decimal value) => value.ToString(CultureInfo.InvariantCulture),
        { } other => other.GetRawText(),
    };
}
