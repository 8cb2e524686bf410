using System.Text;
using System.Text.Json;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary>A whole chat.completion answer for one scanned page (about 2 KB of text with escapes and non-ASCII).</summary>
public sealed class CannedCompletion
{
    private CannedCompletion(byte[] json, string text)
    {
        Json = json;
        TextUtf8Bytes = Encoding.UTF8.GetByteCount(text);
        TextChars = text.Length;
    }

    public byte[] Json { get; }

    public long TextUtf8Bytes { get; }

    public long TextChars { get; }

    public static CannedCompletion Create()
    {
        var text = new StringBuilder();
        for (int line = 1; line <= 40; line++)
        {
            text.Append("| ").Append(line).Append(" | Rechnung Nº ").Append(1000 + line).Append(" | façade \"A\" | 12,50 € | 日本語 😀 |\n");
        }

        string content = text.ToString();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", "chatcmpl-9f2c1d7e8b4a4f0b9c3e2a1d5f6b7c8d");
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", 1732650000);
            json.WriteString("model", "deepseek-ocr");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", content);
            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteString("finish_reason", "stop");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", 785);
            json.WriteNumber("completion_tokens", 610);
            json.WriteNumber("total_tokens", 1395);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new CannedCompletion(buffer.ToArray(), content);
    }
}
