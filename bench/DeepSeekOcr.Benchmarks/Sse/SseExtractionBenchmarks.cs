using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.ServerSentEvents;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DeepSeekOcr.Benchmarks.Infrastructure;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Images;
using OpenAI;
using OpenAI.Chat;

namespace DeepSeekOcr.Benchmarks.Sse;

/// <summary>
/// Content extraction from one streamed answer of <see cref="BenchmarkScale.SseEvents"/> chunks held in memory:
/// each benchmark returns the length of all text it extracted, checked against the generator's in setup.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecondConfig))]
public class SseExtractionBenchmarks
{
    private const string ImageUrl = "https://scans.example/page-1.png";

    private SseCorpus _corpus = null!;
    private OcrClient _ocrClient = null!;
    private OcrRequest _ocrRequest = null!;
    private ChatClient _openAiClient = null!;
    private ChatMessage[] _openAiMessages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = SseCorpus.Generate(BenchmarkScale.SseEvents);
        Console.WriteLine($"// corpus: {_corpus.Events} events, {_corpus.Body.Length} bytes ({_corpus.Body.Length / (double)_corpus.Events:F0} B/event), text {_corpus.TextUtf8Bytes} UTF-8 bytes");
        var handler = new CannedHandler(_corpus.Body, "text/event-stream");
        _ocrClient = new OcrClient(new OcrClientOptions { BaseUrl = "http://127.0.0.1:9", ApiKey = "bench-key", Handler = handler, MaxRetries = 0 });
        _ocrRequest = new OcrRequest { Image = ImageSource.FromUrl(ImageUrl) };
        _openAiClient = new ChatClient(
            "deepseek-ocr",
            new ApiKeyCredential("bench-key"),
            new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(new HttpClient(handler)), Endpoint = new Uri("http://127.0.0.1:9/v1") });
        _openAiMessages =
        [
            new SystemChatMessage(OcrRequest.DefaultPrompt),
            new UserChatMessage(ChatMessageContentPart.CreateImagePart(new Uri(ImageUrl))),
        ];

        ResultCheck.Expect("this project", _corpus.TextUtf8Bytes, ThisProject().GetAwaiter().GetResult());
        ResultCheck.Expect("SseParser + STJ", _corpus.TextChars, SseParserWithSourceGeneratedJson().GetAwaiter().GetResult());
        ResultCheck.Expect("StreamReader + JsonDocument", _corpus.TextChars, StreamReaderWithJsonDocument().GetAwaiter().GetResult());
        ResultCheck.Expect("OpenAI SDK", _corpus.TextChars, OpenAiSdk().GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup() => _ocrClient.Dispose();

    [Benchmark(Description = "DeepSeekOcr OcrStream")]
    public async Task<long> ThisProject()
    {
        long total = 0;
        using var stream = await _ocrClient.StreamAsync(_ocrRequest).ConfigureAwait(false);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            total += stream.Current.Length;
        }

        return total;
    }

    [Benchmark(Baseline = true, Description = "SseParser + STJ source-gen")]
    public async Task<long> SseParserWithSourceGeneratedJson()
    {
        long total = 0;
        using var body = new MemoryStream(_corpus.Body, writable: false);
        var parser = SseParser.Create(body, static (_, data) =>
            data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, SseChunkJsonContext.Default.SseChunk));
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data?.Choices is [{ Delta.Content: { } content }, ..])
            {
                total += content.Length;
            }
        }

        return total;
    }

    [Benchmark(Description = "StreamReader + JsonDocument")]
    public async Task<long> StreamReaderWithJsonDocument()
    {
        long total = 0;
        using var reader = new StreamReader(new MemoryStream(_corpus.Body, writable: false));
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsMemory(6);
            if (data.Span.SequenceEqual("[DONE]"))
            {
                break;
            }

            using var document = JsonDocument.Parse(data);
            if (document.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array, } choices && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content))
            {
                total += content.GetString()!.Length;
            }
        }

        return total;
    }

    [Benchmark(Description = "OpenAI 2.15.0 SDK")]
    public async Task<long> OpenAiSdk()
    {
        long total = 0;
        await foreach (var update in _openAiClient.CompleteChatStreamingAsync(_openAiMessages).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                total += part.Text.Length;
            }
        }

        return total;
    }
}
