using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using DeepSeekOcr.Benchmarks.Infrastructure;
using DeepSeekOcr.Benchmarks.Sse;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Native.Interop;
using OpenAI;
using OpenAI.Chat;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary>
/// One OCR request from an image file to the whole text, over real HTTP to <see cref="LoopbackServer"/>: the shipped
/// libdeepseek_ocr.so through its C ABI against the OpenAI SDK making the same request (the image read from the file
/// and sent as a PNG data URL) to the same server. Allocated counts only this process's managed heap, so for the
/// native rows it is what the P/Invoke side costs; the library's own heap shows only in the RSS lines this class
/// prints. The same managed core run here under the JIT (<see cref="OcrClient"/>) stands in for what the library
/// allocates inside: same code, same requests, seen by the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class EndToEndBenchmarks
{
    private const string ImageCategory = "ocr_image";
    private const string StreamCategory = "ocr_stream";

    private LoopbackServer _server = null!;
    private CannedCompletion _completion = null!;
    private SseCorpus _stream = null!;
    private string _imagePath = null!;
    private NativeOcrLibrary _library = null!;
    private nint _client;
    private unsafe NativeRequest* _request;
    private unsafe byte* _baseUrl;
    private unsafe byte* _apiKey;
    private ChatClient _openAi = null!;
    private OcrClient _managed = null!;
    private OcrRequest _managedRequest = null!;
    private readonly Dictionary<string, long> _operations = [];
    private (long ResidentKiB, long PeakKiB) _memoryAfterSetup;

    [GlobalSetup]
    public unsafe void Setup()
    {
        _completion = CannedCompletion.Create();
        _stream = SseCorpus.Generate(BenchmarkScale.EndToEndChunks);
        _server = new LoopbackServer(_completion.Json, _stream.Body);
        _imagePath = PngFile.CreateTemporary(BenchmarkScale.EndToEndImageBytes);

        _library = NativeOcrLibrary.Load();
        _baseUrl = NativeOcrLibrary.Utf8(_server.BaseAddress.ToString());
        _apiKey = NativeOcrLibrary.Utf8("bench-key");
        NativeClientOptions options;
        _library.ClientOptionsInit(&options, (nuint)sizeof(NativeClientOptions));
        options.BaseUrl = _baseUrl;
        options.ApiKey = _apiKey;
        nint client;
        _library.Check(_library.ClientNew(&options, &client), "ocr_client_new");
        _client = client;
        _request = (NativeRequest*)NativeMemory.AllocZeroed((nuint)sizeof(NativeRequest));
        _library.RequestInit(_request, (nuint)sizeof(NativeRequest));
        _request->ImagePath = NativeOcrLibrary.Utf8(_imagePath);

        _openAi = new ChatClient("deepseek-ocr", new ApiKeyCredential("bench-key"), new OpenAIClientOptions { Endpoint = new Uri(_server.BaseAddress, "/v1") });
        _managed = new OcrClient(new OcrClientOptions { BaseUrl = _server.BaseAddress.ToString(), ApiKey = "bench-key" });
        _managedRequest = new OcrRequest { Image = ImageSource.FromFile(_imagePath) };

        ResultCheck.Expect("ocr_image", _completion.TextUtf8Bytes, NativeImage());
        ResultCheck.Expect("OpenAI CompleteChat", _completion.TextChars, OpenAiImage().GetAwaiter().GetResult());
        ResultCheck.Expect("ocr_stream", _stream.TextUtf8Bytes, NativeStream());
        ResultCheck.Expect("OpenAI CompleteChatStreaming", _stream.TextChars, OpenAiStream().GetAwaiter().GetResult());
        ResultCheck.Expect("OcrClient.RecognizeAsync", _completion.TextUtf8Bytes, ManagedImage().GetAwaiter().GetResult());
        ResultCheck.Expect("OcrClient.StreamAsync", _stream.TextUtf8Bytes, ManagedStream().GetAwaiter().GetResult());
        ResultCheck.Expect("request bodies received", 6, _server.Requests);
        long base64Image = (BenchmarkScale.EndToEndImageBytes + 2L) / 3 * 4;
        ResultCheck.Expect("requests that carried the whole image", 1, _server.BodyBytes >= 6 * base64Image && _server.BodyBytes < 6 * (base64Image + 4096) ? 1 : 0);
        _operations.Clear();
        _memoryAfterSetup = ProcessMemory.Read();
    }

    [GlobalCleanup]
    public unsafe void Cleanup()
    {
        var end = ProcessMemory.Read();
        string ran = string.Join(", ", _operations.Select(o => $"{o.Value} x {o.Key}"));
        Console.WriteLine(
            $"// RSS: {_memoryAfterSetup.ResidentKiB / 1024.0:F1} MiB after setup, {end.ResidentKiB / 1024.0:F1} MiB after {ran}, peak {end.PeakKiB / 1024.0:F1} MiB " +
            $"(image {BenchmarkScale.EndToEndImageBytes / 1024} KiB, stream {BenchmarkScale.EndToEndChunks} chunks)");
        _managed.Dispose();
        _library.ClientFree(_client);
        NativeMemory.Free(_request->ImagePath);
        NativeMemory.Free(_request);
        NativeMemory.Free(_baseUrl);
        NativeMemory.Free(_apiKey);
        _server.Dispose();
        File.Delete(_imagePath);
    }

    [Benchmark(Description = "libdeepseek_ocr ocr_image")]
    [BenchmarkCategory(ImageCategory)]
    public unsafe long NativeImage()
    {
        Count();
        NativeResult* result;
        _library.Check(_library.Image(_client, _request, &result), "ocr_image");
        long length = (long)result->TextLen;
        _library.ResultFree(result);
        return length;
    }

    [Benchmark(Baseline = true, Description = "OpenAI 2.15.0 CompleteChat")]
    [BenchmarkCategory(ImageCategory)]
    public async Task<long> OpenAiImage()
    {
        Count();
        ChatCompletion completion = await _openAi.CompleteChatAsync(Messages()).ConfigureAwait(false);
        return completion.Content[0].Text.Length;
    }

    [Benchmark(Description = "libdeepseek_ocr ocr_stream")]
    [BenchmarkCategory(StreamCategory)]
    public unsafe long NativeStream()
    {
        Count();
        long bytes = 0;
        _library.Check(_library.Stream(_client, _request, &CountBytes, &bytes, null), "ocr_stream");
        return bytes;
    }

    [Benchmark(Baseline = true, Description = "OpenAI 2.15.0 CompleteChatStreaming")]
    [BenchmarkCategory(StreamCategory)]
    public async Task<long> OpenAiStream()
    {
        Count();
        long chars = 0;
        await foreach (var update in _openAi.CompleteChatStreamingAsync(Messages()).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                chars += part.Text.Length;
            }
        }

        return chars;
    }

    [Benchmark(Description = "DeepSeekOcr managed core (JIT) RecognizeAsync")]
    [BenchmarkCategory(ImageCategory)]
    public async Task<long> ManagedImage()
    {
        Count();
        var result = await _managed.RecognizeAsync(_managedRequest).ConfigureAwait(false);
        return result.TextUtf8.Length;
    }

    [Benchmark(Description = "DeepSeekOcr managed core (JIT) StreamAsync")]
    [BenchmarkCategory(StreamCategory)]
    public async Task<long> ManagedStream()
    {
        Count();
        long bytes = 0;
        using var stream = await _managed.StreamAsync(_managedRequest).ConfigureAwait(false);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            bytes += stream.Current.Length;
        }

        return bytes;
    }

    /// <summary>Counts the operations of each benchmark, for the RSS line (a dictionary write: noise next to a request).</summary>
    private void Count([CallerMemberName] string benchmark = "") =>
        _operations[benchmark] = _operations.GetValueOrDefault(benchmark) + 1;

    /// <summary>The request as the SDK's users write it: the file read, the image part built by the SDK as a data URL.</summary>
    private ChatMessage[] Messages() =>
    [
        new SystemChatMessage(OcrRequest.DefaultPrompt),
        new UserChatMessage(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(File.ReadAllBytes(_imagePath)), "image/png")),
    ];

    [UnmanagedCallersOnly]
    private static unsafe int CountBytes(byte* delta, nuint length, void* userData)
    {
        *(long*)userData += (long)length;
        return 0;
    }
}
