using System.Text.Json;

namespace DeepSeekOcr.Server.Json;

/// <summary>
/// Turns System.Text.Json's failures into plain words for the caller: which member of the body, what it should be.
/// The serializer's own messages name .NET types (<c>System.Nullable`1[System.Double]</c>) and paths of nested
/// readers, which mean nothing to someone who sent JSON.
/// </summary>
public static class JsonErrorMessages
{
    /// <summary>Key in <see cref="Exception.Data"/>: a path below the member the exception's own path names.</summary>
    public const string RelativePathKey = "dsocr.relative-path";

    /// <summary>Key in <see cref="Exception.Data"/>: what the member should have been, in words.</summary>
    public const string ExpectedKey = "dsocr.expected";

    private const string ConversionMarker = "could not be converted to ";

    /// <summary>A failure raised by the server's own converters, already in words.</summary>
    public static JsonException Unexpected(string expected, JsonTokenType found)
    {
        var exception = new JsonException($"must be {expected}, not {Describe(found)}");
        exception.Data[ExpectedKey] = expected;
        return exception;
    }

    /// <summary>The member the failure is about, from the top of the body (<c>messages[0].content[1].image_url</c>); "" for the body.</summary>
    public static string Member(JsonException exception)
    {
        var path = exception.Path ?? "$";
        var member = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        if (exception.Data[RelativePathKey] is string relative && relative.Length > 0)
        {
            member += relative.StartsWith('[') ? relative : "." + relative;
        }

        return member;
    }

    /// <summary>The message for a body that did not read as a chat completion request.</summary>
    public static string Describe(JsonException exception)
    {
        var member = Member(exception);
        var subject = member.Length == 0 ? "the request body" : $"'{member}'";
        var innermost = Innermost(exception);
        if (innermost.Data[ExpectedKey] is string)
        {
            return $"{subject} {innermost.Message}";
        }

        var message = innermost.Message;
        var conversion = message.IndexOf(ConversionMarker, StringComparison.Ordinal);
        if (conversion >= 0)
        {
            var typeName = message[(conversion + ConversionMarker.Length)..].Split(". Path:")[0];
            return $"{subject} must be {Expected(typeName, member)}";
        }

        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        return $"the request body is not valid JSON (line {line}, byte {position}): {ReaderSentence(message)}";
    }

    private static JsonException Innermost(JsonException exception)
    {
        var current = exception;
        while (current.InnerException is JsonException inner && current.Data[ExpectedKey] is null)
        {
            current = inner;
        }

        return current;
    }

    /// <summary>The reader's own explanation, without the path and position it appends.</summary>
    private static string ReaderSentence(string message)
    {
        foreach (var cut in new[] { " Path:", " LineNumber:", " | " })
        {
            var at = message.IndexOf(cut, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }

    private static string Expected(string typeName, string member) => typeName switch
    {
        _ when member.Length == 0 => "a JSON object (a chat completion request)",
        _ when typeName.Contains("Double", StringComparison.Ordinal) || typeName.Contains("Single", StringComparison.Ordinal) => "a number",
        _ when typeName.Contains("Int32", StringComparison.Ordinal) || typeName.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when typeName.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when typeName.Contains("System.String", StringComparison.Ordinal) => "a string",
        _ when typeName.Contains("List`1", StringComparison.Ordinal) || typeName.Contains("[]", StringComparison.Ordinal) => "an array",
        _ when typeName.Contains("ImageUrl", StringComparison.Ordinal) => "an object like {\"url\": \"data:image/png;base64,...\"}",
        _ => "an object",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };
}
