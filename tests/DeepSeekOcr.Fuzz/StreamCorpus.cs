using System.Text;
using System.Text.Json;

namespace DeepSeekOcr.Fuzz;

/// <summary>Valid chat completion streams and whole answers with known text, and ways to damage them.</summary>
internal static class StreamCorpus
{
    private static readonly string[] Pieces = ["Hello", ", ", "wörld", " 😀", "\"quoted\"", "back\\slash", "tab\there", "line\nbreak", "日本語", "\u0001", "é", "# Title\n\n", "| a | b |"];
    private static readonly string[] LineEnds = ["\n", "\r\n", "\r"];

    // Bytes that matter to SSE framing and JSON.
    private static ReadOnlySpan<byte> Specials => "\r\n:{}\"\\[]0 "u8;

    /// <summary>A valid SSE stream and the text it carries.</summary>
    public static (byte[] Bytes, string Text) ValidStream(Random random)
    {
        var text = new StringBuilder();
        var sse = new StringBuilder();
        string end = LineEnds[random.Next(LineEnds.Length)];
        if (random.Next(4) == 0)
        {
            sse.Append('\uFEFF');
        }

        int count = random.Next(0, 12);
        for (int i = 0; i < count; i++)
        {
            if (random.Next(5) == 0)
            {
                sse.Append(": keep-alive").Append(end).Append(end);
            }

            string piece = Pieces[random.Next(Pieces.Length)];
            text.Append(piece);
            string json = $"{{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"deepseek-ocr\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{JsonSerializer.Serialize(piece, FuzzJsonContext.Default.String)}}},\"finish_reason\":null}}]}}";
            sse.Append("data: ").Append(json).Append(end).Append(end);
        }

        sse.Append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}").Append(end).Append(end);
        sse.Append("data: [DONE]").Append(end);
        if (random.Next(2) == 0)
        {
            sse.Append(end);
        }

        return (Encoding.UTF8.GetBytes(sse.ToString()), text.ToString());
    }

    /// <summary>Flips, inserts, deletes or truncates bytes of a valid stream.</summary>
    public static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = new List<byte>(bytes);
        int edits = random.Next(1, 8);
        for (int i = 0; i < edits && list.Count > 0; i++)
        {
            int at = random.Next(list.Count);
            switch (random.Next(5))
            {
                case 0: list[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: list.Insert(at, Specials[random.Next(Specials.Length)]); break;
                case 2: list.RemoveAt(at); break;
                case 3: list.RemoveRange(at, list.Count - at); break;
                default: list.InsertRange(at, "data: "u8.ToArray()); break;
            }
        }

        return [.. list];
    }

    public static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }
}
