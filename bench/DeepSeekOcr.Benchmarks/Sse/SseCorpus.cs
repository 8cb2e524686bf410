using System.Globalization;
using System.Text;

namespace DeepSeekOcr.Benchmarks.Sse;

/// <summary>
/// A chat completion stream as vLLM (which serves DeepSeek-OCR) sends it, generated from a fixed seed: a role chunk, content
/// chunks of a word or two each (about 210 bytes per event), a finish chunk, a usage chunk and <c>[DONE]</c>. Half the
/// chunks escape non-ASCII as <c>\uXXXX</c> (Python's <c>ensure_ascii</c>), half send it as raw UTF-8, as the two
/// kinds of server do; text holds newlines, quotes, tabs, accents, CJK and emoji (surrogate pairs). As with vLLM, the
/// id, <c>created</c> and model stay the same from chunk to chunk; <c>uniqueChunks</c> adds a random
/// <c>obfuscation</c> field to each chunk, as OpenAI's own API does, so that no two chunks share their bytes around the text.
/// </summary>
public sealed class SseCorpus
{
    private static readonly string[] Words =
    [
        "the", "invoice", "total", "amount", "due", "Rechnung", "façade", "naïve", "über", "Straße", "résumé",
        "日本語", "テキスト", "中文", "한국어", "Ελληνικά", "кириллица", "😀", "📄", "🧾", "∑", "€", "№", "—",
        "\"quoted\"", "back\\slash", "tab\there", "line\n", "\n\n", "|", "| 12.50 |", "42", "3.14", "2024-11-26",
        "<b>", "</b>", "&amp;", "x²", "µm", "½", "column", "table", "page", "header", "footer", "signature",
    ];

    private SseCorpus(byte[] body, int events, long textUtf8Bytes, long textChars)
    {
        Body = body;
        Events = events;
        TextUtf8Bytes = textUtf8Bytes;
        TextChars = textChars;
    }

    /// <summary>The whole response body, UTF-8.</summary>
    public byte[] Body { get; }

    /// <summary>Every <c>data:</c> event, <c>[DONE]</c> included.</summary>
    public int Events { get; }

    /// <summary>The length of all content deltas joined, in UTF-8 bytes: what a correct parser must sum to.</summary>
    public long TextUtf8Bytes { get; }

    /// <summary>The same text's length in UTF-16 chars, for the parsers that produce strings.</summary>
    public long TextChars { get; }

    public static SseCorpus Generate(int events, bool uniqueChunks = false, int seed = 20241126)
    {
        var random = new Random(seed);
        string id = "chatcmpl-" + RandomToken(random, 29);
        const long created = 1732650000;
        var body = new StringBuilder(events * 220);
        var text = new StringBuilder(events * 40);
        string Head() =>
            $"{{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"created\":{created},\"model\":\"deepseek-ocr\",";

        body.Append("data: ").Append(Head()).Append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < events - 4; i++)
        {
            var piece = new StringBuilder();
            int words = random.Next(1, 3); // a token or two per chunk, as a model streams
            for (int w = 0; w < words; w++)
            {
                piece.Append(w == 0 && i > 0 ? " " : "").Append(Words[random.Next(Words.Length)]).Append(w < words - 1 ? " " : "");
            }

            string content = piece.ToString();
            text.Append(content);
            body.Append("data: ").Append(Head()).Append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
            AppendEscaped(body, content, asciiOnly: random.Next(2) == 0);
            body.Append("\"},\"logprobs\":null,\"finish_reason\":null}]");
            if (uniqueChunks)
            {
                body.Append(",\"obfuscation\":\"").Append(RandomToken(random, random.Next(1, 16))).Append('"');
            }

            body.Append("}\n\n");
        }

        body.Append("data: ").Append(Head()).Append("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        body.Append("data: ").Append(Head()).Append(CultureInfo.InvariantCulture, $"\"choices\":[],\"usage\":{{\"prompt_tokens\":785,\"completion_tokens\":{events - 4},\"total_tokens\":{785 + events - 4}}}}}\n\n");
        body.Append("data: [DONE]\n\n");

        string joined = text.ToString();
        return new SseCorpus(Encoding.UTF8.GetBytes(body.ToString()), events, Encoding.UTF8.GetByteCount(joined), joined.Length);
    }

    private static string RandomToken(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    /// <summary>JSON string escaping as servers write it; <paramref name="asciiOnly"/> is Python's ensure_ascii.</summary>
    private static void AppendEscaped(StringBuilder sb, string value, bool asciiOnly)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                case > '\x7e' when asciiOnly: sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
