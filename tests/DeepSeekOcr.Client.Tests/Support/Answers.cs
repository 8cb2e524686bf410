using System.Text;
using System.Text.Json;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>Bodies a Chat Completions server sends: whole answers, stream chunks and SSE framing.</summary>
internal static class Answers
{
    public const string Id = "chatcmpl-7f3a";
    public const string Model = "deepseek-ocr";
    public const long Created = 1_760_000_123;

    public static string Completion(string text, string finishReason = "stop", long prompt = 812, long completion = 42) =>
        $$"""
        {"id":"{{Id}}","object":"chat.completion","created":{{Created}},"model":"{{Model}}",
         "choices":[{"index":0,"message":{"role":"assistant","content":{{JsonSerializer.Serialize(text)}} },"finish_reason":"{{finishReason}}"}],
         "usage":{"prompt_tokens":{{prompt}},"completion_tokens":{{completion}},"total_tokens":{{prompt + completion}} } }
        """;

    /// <summary>A chunk whose delta carries <paramref name="contentJson"/> verbatim (already a JSON string literal).</summary>
    public static string RawChunk(string contentJson, string? finishReason = null) =>
        $$"""{"id":"{{Id}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{Model}}","choices":[{"index":0,"delta":{"content":{{contentJson}} },"finish_reason":{{(finishReason is null ? "null" : $"\"{finishReason}\"")}} }]}""";

    public static string Chunk(string content, string? finishReason = null) => RawChunk(JsonSerializer.Serialize(content), finishReason);

    public static string RoleChunk() =>
        $$"""{"id":"{{Id}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{Model}}","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""";

    public static string EmptyDeltaChunk() =>
        $$"""{"id":"{{Id}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{Model}}","choices":[{"index":0,"delta":{"content":""},"finish_reason":null}]}""";

    public static string FinishChunk(string reason = "stop") =>
        $$"""{"id":"{{Id}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{Model}}","choices":[{"index":0,"delta":{},"finish_reason":"{{reason}}"}]}""";

    public static string UsageChunk(long prompt = 812, long completion = 3) =>
        $$"""{"id":"{{Id}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{Model}}","choices":[],"usage":{"prompt_tokens":{{prompt}},"completion_tokens":{{completion}},"total_tokens":{{prompt + completion}} } }""";

    /// <summary>One SSE event per data payload, each ended by a blank line, with the given line end.</summary>
    public static string Events(string lineEnd, params string[] payloads)
    {
        var sse = new StringBuilder();
        foreach (string payload in payloads)
        {
            sse.Append("data: ").Append(payload).Append(lineEnd).Append(lineEnd);
        }

        return sse.ToString();
    }

    /// <summary>A typical whole stream: role, three pieces of text, finish, usage, [DONE].</summary>
    public static string TypicalStream(string lineEnd = "\n") =>
        Events(lineEnd, RoleChunk(), Chunk("Hello"), Chunk(", "), Chunk("world"), FinishChunk(), UsageChunk(), "[DONE]");
}
