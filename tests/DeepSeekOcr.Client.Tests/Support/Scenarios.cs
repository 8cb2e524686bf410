using System.Text;
using System.Text.Json.Nodes;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// Builders for the scenario language of tests/server/README.md, so a test writes its answer as data: each returns a
/// new node (a JSON node has one parent, so none is shared).
/// </summary>
internal static class Scenarios
{
    /// <summary>How long a hold waits at most: far longer than any test, so only a test that fails meets it.</summary>
    private const int HoldLimitMs = 30_000;

    /// <summary>A 200 <c>text/event-stream</c> answer without a length, then <paramref name="steps"/>.</summary>
    public static JsonObject Stream(params JsonNode[] steps) => new() { ["stream"] = new JsonArray(steps) };

    /// <summary>An answer with no head of its own: the steps write everything.</summary>
    public static JsonObject Steps(params JsonNode[] steps) => new() { ["steps"] = new JsonArray(steps) };

    /// <summary>The first request gets the first reply, the next the second, and so on round.</summary>
    public static JsonObject Cycle(params JsonNode[] replies) => new() { ["cycle"] = new JsonArray(replies) };

    /// <summary>A whole answer with a Content-Length, its body as given.</summary>
    public static JsonObject Json(string body, int status = 200, string? retryAfter = null)
    {
        var reply = new JsonObject { ["status"] = status, ["content_type"] = "application/json", ["text"] = body };
        if (retryAfter is not null)
        {
            reply["headers"] = new JsonObject { ["Retry-After"] = retryAfter };
        }

        return reply;
    }

    /// <summary>One SSE event, <c>data: PAYLOAD</c> and a blank line.</summary>
    public static JsonObject Data(string payload) => new() { ["data"] = payload };

    /// <summary>Text as it is, in one write.</summary>
    public static JsonObject Raw(string text) => new() { ["raw"] = text };

    /// <summary>Bytes as they are, in one write (half a UTF-8 character too).</summary>
    public static JsonObject Bytes(ReadOnlySpan<byte> bytes) => new() { ["base64"] = Convert.ToBase64String(bytes) };

    public static JsonObject Repeat(int times, params JsonNode[] steps) => new() { ["repeat"] = times, ["steps"] = new JsonArray(steps) };

    public static JsonObject Sleep(int milliseconds) => new() { ["sleep_ms"] = milliseconds };

    /// <summary>Sends nothing until the test releases the scenario, then the steps given.</summary>
    public static JsonObject HoldUntilRelease(params JsonNode[] released) => new()
    {
        ["hold"] = new JsonObject { ["until"] = "release", ["limit_ms"] = HoldLimitMs },
        ["released"] = new JsonArray(released),
    };

    /// <summary>Sends nothing more until the client goes away.</summary>
    public static JsonObject HoldUntilClose() => new() { ["hold"] = new JsonObject { ["until"] = "close", ["limit_ms"] = HoldLimitMs } };

    /// <summary>Aborts the connection with a TCP RST instead of an orderly close.</summary>
    public static JsonObject Reset() => new() { ["close"] = "reset" };

    /// <summary>
    /// The head of an HTTP/1.1 answer, for answers written as raw steps: its body ends when the connection closes,
    /// unless a length is given.
    /// </summary>
    public static string Head(int status, string contentType, long? contentLength = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Status")}\r\nContent-Type: {contentType}\r\nConnection: close\r\n");
        if (contentLength is { } length)
        {
            head.Append($"Content-Length: {length}\r\n");
        }

        return head.Append("\r\n").ToString();
    }
}
