using System.Net.ServerSentEvents;
using BenchmarkDotNet.Attributes;
using DeepSeekOcr.Benchmarks.Infrastructure;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Deadlines;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Streaming;

namespace DeepSeekOcr.Benchmarks.Sse;

/// <summary>
/// Where this project's SSE time goes, on the same corpus as <see cref="SseExtractionBenchmarks"/>: the whole
/// <see cref="OcrStream"/> (baseline), its framing alone (<see cref="SseEventReader"/>), its JSON paths alone over
/// payloads split beforehand (<see cref="ChunkReader"/> as the stream uses it, and the one-pass
/// <see cref="ChunkContentReader"/> it falls back to), and <see cref="SseParser"/>'s framing alone for scale. The last
/// row streams a corpus whose chunks never repeat their bytes around the text (OpenAI's <c>obfuscation</c> field), the
/// worst case for the repeated-chunk template. A diagnostic, not a comparison with peers: it tells which part to work on.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecondConfig))]
public class SseBreakdownBenchmarks
{
    private const int MaxEventBytes = 4 * 1024 * 1024;

    private SseCorpus _corpus = null!;
    private (int Start, int Length)[] _payloads = null!;
    private long _payloadBytes;
    private OcrClient _client = null!;
    private OcrClient _uniqueChunksClient = null!;
    private OcrRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = SseCorpus.Generate(BenchmarkScale.SseEvents);
        _payloads = SplitPayloads(_corpus.Body);
        _payloadBytes = _payloads.Sum(p => (long)p.Length);
        _client = CannedClient(_corpus);
        var uniqueChunks = SseCorpus.Generate(BenchmarkScale.SseEvents, uniqueChunks: true);
        _uniqueChunksClient = CannedClient(uniqueChunks);
        _request = new OcrRequest { Image = ImageSource.FromUrl("https://scans.example/page-1.png") };

        ResultCheck.Expect("OcrStream", _corpus.TextUtf8Bytes, WholeStream().GetAwaiter().GetResult());
        ResultCheck.Expect("OcrStream, unique chunks", uniqueChunks.TextUtf8Bytes, WholeStreamOfUniqueChunks().GetAwaiter().GetResult());
        ResultCheck.Expect("ChunkReader", _corpus.TextUtf8Bytes, ChunkReaderOnly());
        ResultCheck.Expect("SseEventReader", _payloadBytes, EventReaderFramingOnly().GetAwaiter().GetResult());
        ResultCheck.Expect("SseParser", _payloadBytes, SseParserFramingOnly().GetAwaiter().GetResult());
        ResultCheck.Expect("ChunkContentReader", _corpus.TextUtf8Bytes, FastPathJsonOnly());
        ResultCheck.Expect("chunks the fast path gave up on", 0, FastPathFallbacks());
        Console.WriteLine($"// repeated-chunk template: read {TemplateHits(_corpus)} of {_payloads.Length - 1} chunks; of the unique chunks {TemplateHits(uniqueChunks)}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _uniqueChunksClient.Dispose();
    }

    [Benchmark(Baseline = true, Description = "OcrStream whole")]
    public Task<long> WholeStream() => ReadWholeStream(_client);

    [Benchmark(Description = "OcrStream whole, no two chunks alike")]
    public Task<long> WholeStreamOfUniqueChunks() => ReadWholeStream(_uniqueChunksClient);

    [Benchmark(Description = "SseEventReader framing only")]
    public async Task<long> EventReaderFramingOnly()
    {
        long total = 0;
        using var scope = new CallDeadlines(OcrClientOptions.DefaultTimeout, OcrClientOptions.DefaultIdleTimeout, default);
        using var events = new SseEventReader(new MemoryStream(_corpus.Body, writable: false), scope, MaxEventBytes);
        while (await events.ReadEventAsync().ConfigureAwait(false))
        {
            total += events.Data.Length;
        }

        return total;
    }

    [Benchmark(Description = "ChunkReader only (pre-split)")]
    public long ChunkReaderOnly()
    {
        long total = 0;
        using var answer = new StreamAccumulator();
        using var chunks = new ChunkReader();
        var body = _corpus.Body.AsSpan();
        foreach (var (start, length) in _payloads)
        {
            var data = body.Slice(start, length);
            if (!data.SequenceEqual(ChunkDeserializer.DoneMarker) && chunks.Read(data, answer, new ResponseOrigin(200, RequestId: null)))
            {
                answer.CommitDelta();
                total += answer.Delta.Length;
            }
        }

        return total;
    }

    [Benchmark(Description = "ChunkContentReader only (pre-split)")]
    public long FastPathJsonOnly()
    {
        long total = 0;
        using var answer = new StreamAccumulator();
        var body = _corpus.Body.AsSpan();
        foreach (var (start, length) in _payloads)
        {
            var data = body.Slice(start, length);
            if (!data.SequenceEqual(ChunkDeserializer.DoneMarker) && ChunkContentReader.TryRead(data, answer, out ChunkFindings findings) && findings.HasDelta)
            {
                answer.CommitDelta();
                total += answer.Delta.Length;
            }
        }

        return total;
    }

    [Benchmark(Description = "SseParser framing only (peer)")]
    public async Task<long> SseParserFramingOnly()
    {
        long total = 0;
        var parser = SseParser.Create(new MemoryStream(_corpus.Body, writable: false), static (_, data) => data.Length);
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            total += item.Data;
        }

        return total;
    }

    private static OcrClient CannedClient(SseCorpus corpus) =>
        new(new OcrClientOptions { BaseUrl = "http://127.0.0.1:9", Handler = new CannedHandler(corpus.Body, "text/event-stream"), MaxRetries = 0 });

    private async Task<long> ReadWholeStream(OcrClient client)
    {
        long total = 0;
        using var stream = await client.StreamAsync(_request).ConfigureAwait(false);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            total += stream.Current.Length;
        }

        return total;
    }

    private int FastPathFallbacks()
    {
        int fallbacks = 0;
        using var answer = new StreamAccumulator();
        foreach (var (start, length) in _payloads)
        {
            var data = _corpus.Body.AsSpan(start, length);
            if (!data.SequenceEqual(ChunkDeserializer.DoneMarker) && !ChunkContentReader.TryRead(data, answer, out _))
            {
                fallbacks++;
            }
        }

        return fallbacks;
    }

    /// <summary>How many chunks of a corpus <see cref="RepeatedChunkReader"/> reads, as <see cref="ChunkReader"/> uses it.</summary>
    private static int TemplateHits(SseCorpus corpus)
    {
        int hits = 0;
        using var answer = new StreamAccumulator();
        using var repeated = new RepeatedChunkReader();
        foreach (var (start, length) in SplitPayloads(corpus.Body))
        {
            var data = corpus.Body.AsSpan(start, length);
            if (data.SequenceEqual(ChunkDeserializer.DoneMarker) || repeated.TryRead(data, answer, out _))
            {
                hits += data.SequenceEqual(ChunkDeserializer.DoneMarker) ? 0 : 1;
            }
            else if (ChunkContentReader.TryRead(data, answer, out ChunkFindings findings))
            {
                repeated.Remember(data, findings);
            }
        }

        return hits;
    }

    /// <summary>The corpus is written as "data: JSON\n\n" per event: split it that simple way, independently of both parsers.</summary>
    private static (int Start, int Length)[] SplitPayloads(byte[] body)
    {
        var payloads = new List<(int, int)>();
        var prefix = "data: "u8;
        for (int at = 0; at < body.Length;)
        {
            int end = body.AsSpan(at).IndexOf("\n\n"u8);
            if (!body.AsSpan(at).StartsWith(prefix) || end < 0)
            {
                throw new InvalidOperationException($"the corpus is not one 'data: ' line per event at byte {at}");
            }

            payloads.Add((at + prefix.Length, end - prefix.Length));
            at += end + 2;
        }

        return [.. payloads];
    }
}
