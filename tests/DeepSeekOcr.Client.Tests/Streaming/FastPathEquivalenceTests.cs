using System.Text;
using DeepSeekOcr.Client.Deadlines;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Streaming;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Streaming;

/// <summary>
/// The zero-allocation chunk reader against the full System.Text.Json path: on every fixture both must leave the
/// same text and metadata, or the fast path must decline (and the full path decides). Whole streams, trickled one
/// byte per read, must give exactly the text the full path reads from the same events.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly ResponseOrigin Ok200 = new(200, RequestId: null);

    private static readonly string[] Chunks =
    [
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-ocr","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-ocr","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}""",
        """{"id":"c","choices":[{"index":0,"delta":{"content":"line\nbreak \"quoted\" back\\slash \t tab"}}]}""",
        """{"id":"c","choices":[{"index":0,"delta":{"content":"caf\u00e9 \ud83d\ude00 \u65e5\u672c"}}]}""",
        """{"id":"c","choices":[{"index":0,"delta":{"content":"Straße 日本語 😀 raw UTF-8"}}]}""",
        """{"choices":[{"delta":{"content":null},"finish_reason":"stop"}]}""",
        """{"choices":[{"delta":{},"finish_reason":"length"}]}""",
        """{"choices":[{"delta":null}]}""",
        """{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46,"prompt_tokens_details":{"cached_tokens":0}}}""",
        """{"choices":null,"usage":null}""",
        """{"choices":[{"delta":{"content":"first"}},{"delta":{"content":"second"}}]}""",
        """{"model":"m","choices":[{"logprobs":null,"delta":{"tool_calls":[{"index":0}],"content":"after tools"},"index":0}],"id":"late-id","created":5}""",
        """  {  "choices" : [ { "delta" : { "content" : "spaced" } } ] }  """,
        """{"id":"esc\u0061ped","choices":[{"delta":{"content":"escaped id"}}]}""",
        """{"created":7,"system_fingerprint":"fp","choices":[{"delta":{"content":"x","reasoning_content":null}}]}""",
        """{"choices":[{"delta":{"content":"\u0000nul"}}]}""",
    ];

    private static readonly string[] Rejected =
    [
        """{"error":{"message":"boom","type":"internal_error","code":500}}""",
        """{"choices":[{"delta":{"content":"x"}}]}trailing""",
        """{"choices":[{"delta":{"content":"x"}}]""",
        """{"choices":[{"delta":{"content":42}}]}""",
        """{"choices":{"delta":{"content":"x"}}}""",
        """{"created":"123","choices":[{"delta":{"content":"x"}}]}""",
        """{"created":null,"choices":[{"delta":{"content":"x"}}]}""",
        """[1,2,3]""",
        """not json""",
    ];

    public static IEnumerable<string> ChunkFixtures => Chunks;

    public static IEnumerable<string> RejectedFixtures => Rejected;

    [TestCaseSource(nameof(ChunkFixtures))]
    public void TryRead_ValidChunk_MatchesFullPath(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        using var fast = new StreamAccumulator();
        using var full = new StreamAccumulator();

        bool handled = ChunkContentReader.TryRead(utf8, fast, out ChunkFindings findings);
        bool fastDelta = findings.HasDelta;
        bool fullDelta = full.Apply(ChunkDeserializer.Parse(utf8, Ok200), Ok200);
        if (!handled)
        {
            Assert.That(json, Does.Contain("\\u0061"), "only the escaped id is expected to be declined");
            return;
        }

        Assert.That(fastDelta, Is.EqualTo(fullDelta));
        if (fastDelta)
        {
            fast.CommitDelta();
            full.CommitDelta();
            Assert.That(fast.Delta.ToArray(), Is.EqualTo(full.Delta.ToArray()));
            Assert.That(fast.DeltaWithNul[^1], Is.Zero);
        }

        var a = fast.ToResult(200);
        var b = full.ToResult(200);
        Assert.That(a.Text, Is.EqualTo(b.Text));
        Assert.That((a.Id, a.Model, a.Created, a.FinishReason, a.Usage), Is.EqualTo((b.Id, b.Model, b.Created, b.FinishReason, b.Usage)));
    }

    [TestCase("""{"choices":[null]}""")]
    [TestCase("""{"choices":[null,{"delta":{"content":"second"}}]}""")]
    public void Apply_NullFirstChoice_CarriesNoText(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        using var fast = new StreamAccumulator();
        Assert.That(ChunkContentReader.TryRead(utf8, fast, out _), Is.False);
        Assert.That(fast.Apply(ChunkDeserializer.Parse(utf8, Ok200), Ok200), Is.False);
    }

    [TestCaseSource(nameof(RejectedFixtures))]
    public void TryRead_UnexpectedChunk_DeclinesAndTheFullPathFailsClearly(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        using var fast = new StreamAccumulator();
        Assert.That(ChunkContentReader.TryRead(utf8, fast, out _), Is.False);
        Assert.That(fast.ToResult(200).Text, Is.Empty);
        var e = Assert.Throws<OcrException>(() => fast.Apply(ChunkDeserializer.Parse(utf8, Ok200), Ok200));
        Assert.That(e!.Status, Is.AnyOf(OcrStatus.Protocol, OcrStatus.Server));
    }

    [Test]
    public void TryRead_SteadyState_AllocatesNothing()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Chunks[3]);
        using var fast = new StreamAccumulator();
        for (int i = 0; i < 100; i++)
        {
            ChunkContentReader.TryRead(utf8, fast, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            ChunkContentReader.TryRead(utf8, fast, out _);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public async Task MoveNextAsync_TrickledStream_GivesTheFullPathText(int readSize)
    {
        var sse = new StringBuilder();
        var expected = new StringBuilder();
        foreach (string chunk in Chunks)
        {
            sse.Append("data: ").Append(chunk).Append("\r\n\r\n");
            var parsed = ChunkDeserializer.Parse(Encoding.UTF8.GetBytes(chunk), Ok200);
            if (parsed.Choices is [{ Delta.Content: { } content }, ..])
            {
                expected.Append(content);
            }
        }

        sse.Append("data: [DONE]\r\n\r\n");
        var body = new TrickleStream(Encoding.UTF8.GetBytes(sse.ToString()), readSize);
        var scope = new CallDeadlines(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), CancellationToken.None);
        using var stream = new OcrStream(new HttpResponseMessage(System.Net.HttpStatusCode.OK), body, scope, new SecretRedactor(null), 1 << 20);
        var deltas = new StringBuilder();
        while (await stream.MoveNextAsync())
        {
            deltas.Append(Encoding.UTF8.GetString(stream.Current.Span));
        }

        Assert.That(deltas.ToString(), Is.EqualTo(expected.ToString()));
        Assert.That(stream.Result.Text, Is.EqualTo(expected.ToString()));
        Assert.That(stream.Result.Usage, Is.EqualTo(new OcrUsage(12, 34, 46)));
    }
}
