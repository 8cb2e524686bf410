using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>Reads an event stream into its chunks, checking the framing on the way (data lines, blank line, [DONE] last).</summary>
public static class SseEvents
{
    public static async Task<(List<ChatCompletionChunk> Chunks, bool SawDone)> ReadAsync(HttpResponseMessage response)
    {
        var chunks = new List<ChatCompletionChunk>();
        var sawDone = false;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            Assert.That(sawDone, Is.False, "nothing may follow data: [DONE]");
            Assert.That(line, Does.StartWith("data: "));
            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                sawDone = true;
                continue;
            }

            chunks.Add(JsonSerializer.Deserialize(data, ProtocolJsonContext.Default.ChatCompletionChunk)!);
        }

        return (chunks, sawDone);
    }
}
