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
        full.Apply(ChunkDeserializer.Parse(template, Ok200), Ok200);
        Assert.That(fastDelta, Is.EqualTo(full.Apply(ChunkDeserializer.Parse(next, Ok200), Ok200)));
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
            // Another key each time: no hole covers that.
            byte[] unique = Encoding.UTF8.GetBytes($"{{\"k{i}\":\"v\",\"choices\":[{{\"delta\":{{\"content\":\"x\"}}}}]}}");
            Assert.That(repeated.TryRead(unique, fast, out _), Is.False);
            ChunkContentReader.TryRead(unique, fast, out ChunkFindings findings);
            repeated.Remember(unique, findings);
        }

        byte[] again = Encoding.UTF8.GetBytes("""{"k16":"v","choices":[{"delta":{"content":"y"}}]}""");
        Assert.That(repeated.TryRead(again, fast, out _), Is.False, "the template of a server whose chunks never repeat is given up");
    }

    [TestCase("1732650001")]
    [TestCase("1")]
    [TestCase("999999999999999999")]
    public void TryRead_OnlyCreatedDiffers_TakesTheTemplateAndEndsWithTheChunksCreated(string created)
    {
        byte[] template = Chunk("Hello");
        byte[] next = Encoding.UTF8.GetBytes(Head.Replace("1732650000", created, StringComparison.Ordinal) + "World" + Tail);
        using var fast = new StreamAccumulator();
        using var repeated = ReaderWithTemplate(template, fast);

        Assert.That(repeated.TryRead(next, fast, out bool hasDelta), Is.True, "a chunk that differs in created and text takes the template path");
        Assert.That(hasDelta, Is.True);
        Assert.That(Encoding.UTF8.GetString(fast.Delta.Span), Is.EqualTo("World"));
        Assert.That(fast.Created, Is.EqualTo(long.Parse(created, System.Globalization.CultureInfo.InvariantCulture)));
        AssertSameAsFullPath([template, next, template]);
    }

    [Test]
    public void TryRead_ObfuscationAndCreatedDiffer_TakesTheTemplate()
    {
        static byte[] Obfuscated(long created, string obfuscation, string content) => Encoding.UTF8.GetBytes(
            $"{{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":{created},\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{content}\"}},\"finish_reason\":null}}],\"obfuscation\":\"{obfuscation}\"}}");
        byte[] template = Obfuscated(100, "aB3", "Hello");
        using var fast = new StreamAccumulator();
        using var repeated = ReaderWithTemplate(template, fast);

        Assert.That(repeated.TryRead(Obfuscated(101, "zZ9yY8xX7", "World"), fast, out _), Is.True);
        Assert.That(repeated.TryRead(Obfuscated(102, "", "!"), fast, out _), Is.True);
        Assert.That(fast.Created, Is.EqualTo(102));
        AssertSameAsFullPath([template, Obfuscated(101, "q", "a"), Obfuscated(0, "r", "b"), template, Obfuscated(7, "s\\u00e9", "c")]);
    }

    /// <summary>Values in the holes that are not a plain integer or a plain string: declined, and read as the full path reads them.</summary>
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("1e3")]
    [TestCase("01")]
    [TestCase("0")]
    [TestCase("99999999999999999999")]
    [TestCase("null")]
    [TestCase("\"5\"")]
    [TestCase("1 ")]
    [TestCase("")]
    public void Read_HostileCreatedInTheHole_MatchesFullPath(string created)
    {
        byte[] hostile = Encoding.UTF8.GetBytes(Head.Replace("1732650000", created, StringComparison.Ordinal) + "x" + Tail);

        AssertSameAsFullPath([Chunk("Hello"), hostile, Chunk("again")]);
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
            Head.Replace("1732650000", "1732650001", StringComparison.Ordinal),
            Head.Replace("1732650000", "0", StringComparison.Ordinal),
            Head.Replace("1732650000", "-3", StringComparison.Ordinal),
            Head.Replace("1732650000", "17.5", StringComparison.Ordinal),
            Head.Replace("chat.completion.chunk", "other \\\"object\\\"", StringComparison.Ordinal),
            Head.Replace("chat.completion.chunk", "caf\u00e9", StringComparison.Ordinal),
            "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"",
            "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"",
        ];
        string[] tails =
        [
            Tail,
            Tail[..^1] + ",\"obfuscation\":\"aZ09\"}",
            Tail[..^1] + ",\"obfuscation\":\"bY18xX\"}",
            Tail[..^1] + ",\"obfuscation\":\"e\\n\"}",
            Tail[..^1] + ",\"obfuscation\":7}",
            "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}",
            "\"}}]}",
        ];
        byte[][] invalid =
        [
            [.. Encoding.UTF8.GetBytes(Head), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(Tail)], // invalid UTF-8 in the text
            [.. Encoding.UTF8.GetBytes("{\"model\":\"m"), 0xFF, .. Encoding.UTF8.GetBytes("\",\"choices\":[{\"delta\":{\"content\":\"x\"}}]}")],
            [.. Encoding.UTF8.GetBytes(Head + "\\n"), 0xFF, .. Encoding.UTF8.GetBytes("\\u00e9" + Tail)], // and among escapes
            [.. Chunk("trailing garbage"), 0xFF],
            [.. Encoding.UTF8.GetBytes(Head + "x" + Tail[..^1] + ",\"obfuscation\":\"a"), 0xC3, 0x28, .. "\"}"u8], // in a hole
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

                // Mostly the same head and tail in a row, as servers send them, or only "created" or "obfuscation"
                // changing; now and then another shape.
                string head = random.Next(6) == 0 ? heads[random.Next(heads.Length)] : random.Next(3) == 0 ? heads[1] : heads[0];
                string tail = random.Next(6) == 0 ? tails[random.Next(tails.Length)] : random.Next(3) == 0 ? tails[1 + random.Next(2)] : tails[0];
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
            var fullOutcome = Outcome(() => full.Apply(ChunkDeserializer.Parse(chunks[i], Ok200), Ok200), full);
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
