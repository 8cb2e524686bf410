using System.Text;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Streaming;

namespace DeepSeekOcr.Client.Tests.Streaming;

/// <summary>
/// The repeated-chunk template against the full System.Text.Json path: a chunk that differs from the previous one
/// only in its content string is read from that string alone, and must leave exactly what the full path leaves;
/// every other chunk must be declined. A seeded differential run mixes shapes, metadata changes and hostile strings.
/// </summary>
public sealed class RepeatedChunkReaderTests
{
    private static readonly ResponseOrigin Ok200 = new(200, RequestId: null);

    private const string Head = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1732650000,\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
    private const string Tail = "\"},\"logprobs\":null,\"finish_reason\":null}]}";

    /// <summary>Content string bodies (JSON text between the quotes) that make a chunk of the template's shape.</summary>
    private static readonly string[] SameShape =
    [
        "World",
        "",
        """line\nbreak \"quoted\" back\\slash \t tab \/ solidus""",
        """caf\u00e9 \ud83d\ude00 \u65e5\u672c""",
        "Straße 日本語 😀 raw UTF-8",
        """\u0000nul""",
        new string('x', 5000),
    ];

    /// <summary>Content string bodies after which the chunk has another shape or is not valid JSON.</summary>
    private static readonly string[] OtherShape =
    [
        """a","b""",
        """a","content":"b""",
        """a\""",
        "raw\ttab",
        """bad \x escape""",
        """a"}}],"id":"other""",
    ];

    public static IEnumerable<string> SameShapeFixtures => SameShape;

    public static IEnumerable<string> OtherShapeFixtures => OtherShape;

    [TestCaseSource(nameof(SameShapeFixtures))]
    public void TryRead_SameShapeOtherText_MatchesFullPath(string content)
    {
        byte[] template = Chunk("Hello");
        byte[] next = Chunk(content);
        using var fast = new StreamAccumulator();
        using var repeated = ReaderWithTemplate(template, fast);

        Assert.That(repeated.TryRead(next, fast, out bool fastDelta), Is.True, "a chunk of the same shape takes the template path");

        using var full = new StreamAccumulator();
        full.Apply(ChunkParser.Parse(template, Ok200), Ok200);
        Assert.That(fastDelta, Is.EqualTo(full.Apply(ChunkParser.Parse(next, Ok200), Ok200)));
        if (fastDelta)
        {
            Assert.That(fast.Delta.ToArray(), Is.EqualTo(full.Delta.ToArray()));
            Assert.That(fast.DeltaWithNul[^1], Is.Zero);
        }
    }

    [TestCaseSource(nameof(OtherShapeFixtures))]
    public void TryRead_MiddleIsNotOneString_DeclinesAndChunkReaderMatchesFullPath(string content)
    {
        byte[] template = Chunk("Hello");
        byte[] next = Chunk(content);
        using var fast = new StreamAccumulator();
        using var repeated = ReaderWithTemplate(template, fast);

        Assert.That(repeated.TryRead(next, fast, out _), Is.False);
        AssertSameAsFullPath([template, next]);
    }

    [TestCase("""{"id":"chatcmpl-8","object":"chat.completion.chunk","created":1732650000,"model":"deepseek-ocr","choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null}]}""")]
    [TestCase("""{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1732650000,"model":"deepseek-ocr","choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":"stop"}]}""")]
    [TestCase("""{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1732650000,"model":"deepseek-ocr","choices":[{"index":0,"delta":{"content": "x"},"logprobs":null,"finish_reason":null}]}""")]
    [TestCase("""{}""")]
    public void TryRead_DifferentBytesAroundTheString_Declines(string json)
    {
        byte[] template = Chunk("Hello");
        using var fast = new StreamAccumulator();
        using var repeated = ReaderWithTemplate(template, fast);

        Assert.That(repeated.TryRead(Encoding.UTF8.GetBytes(json), fast, out _), Is.False);
    }

    [Test]
    public void TryRead_TemplateWithTwoContentStrings_IsNeverKept()
    {
        byte[] twice = Encoding.UTF8.GetBytes("""{"choices":[{"delta":{"content":"a","content":"b"}}]}""");
        using var fast = new StreamAccumulator();
        using var repeated = new RepeatedChunkReader();
        Assert.That(ChunkContentReader.TryRead(twice, fast, out ChunkFindings findings), Is.True);
        Assert.That(findings.ContentString, Is.Null);
        repeated.Remember(twice, findings);

        Assert.That(repeated.TryRead(twice, fast, out _), Is.False);
    }

    [Test]
    public void Remember_AfterSixteenChunksOfAnotherShapeInARow_StopsKeepingTemplates()
    {
        using var fast = new StreamAccumulator();
        using var repeated = new RepeatedChunkReader();
        for (int i = 0; i <= 16; i++)
        {
            byte[] unique = Encoding.UTF8.GetBytes($"{{\"obfuscation\":\"{i}\",\"choices\":[{{\"delta\":{{\"content\":\"x\"}}}}]}}");
            Assert.That(repeated.TryRead(unique, fast, out _), Is.False);
            ChunkContentReader.TryRead(unique, fast, out ChunkFindings findings);
            repeated.Remember(unique, findings);
        }

        byte[] again = Encoding.UTF8.GetBytes("""{"obfuscation":"16","choices":[{"delta":{"content":"y"}}]}""");
        Assert.That(repeated.TryRead(again, fast, out _), Is.False, "the template of a server whose chunks never repeat is given up");
    }

    [Test]
    public void Read_MetadataChangesBetweenRepeats_EndsWithTheLastChunksMetadata()
    {
        AssertSameAsFullPath(
        [
            Chunk("one"),
            Encoding.UTF8.GetBytes("""{"id":"esc\u0061ped","model":"other","created":5,"choices":[{"delta":{"content":" two"},"finish_reason":"length"}]}"""),
            Chunk(" three"),
            Encoding.UTF8.GetBytes("""{"id":"plain","choices":[{"delta":{"content":" four"}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"""),
            Chunk(" five"),
        ]);
    }

    [Test]
    public void Read_SeededMixOfShapesAndHostileStrings_MatchesFullPathEveryTime()
    {
        string[] pieces =
        [
            "a", "word ", "é", "日本", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00",
            "\\ud800", "\\udc00x", "\"", "\\", "\t", "\\u00", "\",\"content\":\"x", "\"}", ",", "\u0001", "\u2028",
            "\\b\\f\\r", "\\uD83D\\uDE00", "\\x", "\\ud83dx", "\\ud83d\\n", "\\ud83d\\ud83d", "\\u00E9", "\\u12g4",
        ];
        string[] heads =
        [
            Head,
            "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"",
            "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"",
        ];
        string[] tails = [Tail, "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}", "\"}}]}"];
        byte[][] invalid =
        [
            [.. Encoding.UTF8.GetBytes(Head), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(Tail)], // invalid UTF-8 in the text
            [.. Encoding.UTF8.GetBytes("{\"model\":\"m"), 0xFF, .. Encoding.UTF8.GetBytes("\",\"choices\":[{\"delta\":{\"content\":\"x\"}}]}")],
            [.. Encoding.UTF8.GetBytes(Head + "\\n"), 0xFF, .. Encoding.UTF8.GetBytes("\\u00e9" + Tail)], // and among escapes
            [.. Chunk("trailing garbage"), 0xFF],
        ];
        var random = new Random(20261126);
        for (int sequence = 0; sequence < 2000; sequence++)
        {
            var chunks = new List<byte[]>();
            for (int i = random.Next(1, 8); i > 0; i--)
            {
                var content = new StringBuilder();
                for (int p = random.Next(0, 5); p > 0; p--)
                {
                    content.Append(pieces[random.Next(pieces.Length)]);
                }

                // Mostly the same head and tail in a row, as servers send them; now and then another shape.
                string head = random.Next(6) == 0 ? heads[random.Next(heads.Length)] : heads[0];
                string tail = random.Next(6) == 0 ? tails[random.Next(tails.Length)] : tails[0];
                chunks.Add(Encoding.UTF8.GetBytes(head + content + tail));
            }

            if (random.Next(10) == 0)
            {
                chunks.Insert(random.Next(chunks.Count + 1), invalid[random.Next(invalid.Length)]);
            }

            AssertSameAsFullPath(chunks, $"sequence {sequence}");
        }
    }

    /// <summary>A reader that keeps <paramref name="template"/>, read first by the general path as a stream would.</summary>
    private static RepeatedChunkReader ReaderWithTemplate(byte[] template, StreamAccumulator into)
    {
        var repeated = new RepeatedChunkReader();
        Assert.That(ChunkContentReader.TryRead(template, into, out ChunkFindings findings), Is.True);
        repeated.Remember(template, findings);
        return repeated;
    }

    private static byte[] Chunk(string contentJson) => Encoding.UTF8.GetBytes(Head + contentJson + Tail);

    /// <summary>
    /// Reads the chunks with <see cref="ChunkReader"/> (all paths) and with the full deserializer alone: each chunk must
    /// give the same text, or both must fail with the same status; the metadata must match at the end.
    /// </summary>
    private static void AssertSameAsFullPath(IReadOnlyList<byte[]> chunks, string context = "")
    {
        using var reader = new ChunkReader();
        using var fast = new StreamAccumulator();
        using var full = new StreamAccumulator();
        for (int i = 0; i < chunks.Count; i++)
        {
            string where = $"{context} chunk {i}: {Encoding.UTF8.GetString(chunks[i])}";
            var fastOutcome = Outcome(() => reader.Read(chunks[i], fast, Ok200), fast);
            var fullOutcome = Outcome(() => full.Apply(ChunkParser.Parse(chunks[i], Ok200), Ok200), full);
            Assert.That(fastOutcome, Is.EqualTo(fullOutcome), where);
            if (fullOutcome.Failure is not null)
            {
                return; // a stream ends at its first bad chunk
            }
        }

        var a = fast.ToResult(200);
        var b = full.ToResult(200);
        Assert.That((a.Id, a.Model, a.Created, a.FinishReason, a.Usage), Is.EqualTo((b.Id, b.Model, b.Created, b.FinishReason, b.Usage)), context);
    }

    private static (string? Delta, OcrStatus? Failure) Outcome(Func<bool> read, StreamAccumulator into)
    {
        try
        {
            return (read() ? Convert.ToHexString(into.Delta.Span) : null, null);
        }
        catch (OcrException e)
        {
            return (null, e.Status);
        }
    }
}
