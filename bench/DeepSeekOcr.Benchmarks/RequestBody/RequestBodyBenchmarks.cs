using System.Buffers.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DeepSeekOcr.Benchmarks.Infrastructure;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Benchmarks.RequestBody;

/// <summary>
/// Building and writing the JSON request body for an image file: this project's streamed body, the usual string
/// route, and Base64 alone (the ceiling: no file read, no JSON). Each writes into <see cref="Stream.Null"/>. The
/// streamed body from bytes already in memory separates the cost of reading the file from the cost of the body.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GigabytesPerSecondConfig))]
public class RequestBodyBenchmarks
{
    private string _path = null!;
    private OcrRequest _request = null!;
    private OcrRequest _memoryRequest = null!;
    private byte[] _image = null!;
    private byte[] _base64 = null!;

    [ParamsSource(nameof(Sizes))]
    public int ImageKiB { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkScale.RequestBodyKiB;

    [GlobalSetup]
    public void Setup()
    {
        _path = PngFile.CreateTemporary(ImageKiB * 1024);
        _request = new OcrRequest { Image = ImageSource.FromFile(_path) };
        _image = File.ReadAllBytes(_path);
        _base64 = new byte[Base64.GetMaxEncodedToUtf8Length(_image.Length)];
        _memoryRequest = new OcrRequest { Image = ImageSource.FromBytes(_image) };

        // Both bodies must carry the same request. Not byte for byte: STJ's default encoder writes '+' as \u002B.
        var streamed = Capture(s => RequestBodyBuilder.Build(_request, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes).ToContent().CopyToAsync(s).GetAwaiter().GetResult());
        var stringRoute = Capture(s => JsonSerializer.Serialize(s, StringRoute(), ProtocolJsonContext.Default.ChatCompletionRequest));
        ResultCheck.Expect("the streamed body's image URL", 1, ImageUrlOf(streamed) == ImageUrlOf(stringRoute) ? 1 : 0);
        ResultCheck.Expect("the streamed body from memory", 1, Capture(s => RequestBodyBuilder.Build(_memoryRequest, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes).ToContent().CopyToAsync(s).GetAwaiter().GetResult()).AsSpan().SequenceEqual(streamed) ? 1 : 0);
        ResultCheck.Expect("the streamed body's Content-Length", streamed.Length, RequestBodyBuilder.Build(_request, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes).Length);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Description = "DeepSeekOcr streamed body")]
    public async Task ThisProject()
    {
        var body = RequestBodyBuilder.Build(_request, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes);
        using var content = body.ToContent();
        await content.CopyToAsync(Stream.Null).ConfigureAwait(false);
    }

    [Benchmark(Description = "DeepSeekOcr streamed body, image in memory")]
    public async Task ThisProjectFromMemory()
    {
        var body = RequestBodyBuilder.Build(_memoryRequest, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes);
        using var content = body.ToContent();
        await content.CopyToAsync(Stream.Null).ConfigureAwait(false);
    }

    [Benchmark(Baseline = true, Description = "ReadAllBytes + ToBase64String + STJ")]
    public Task StringRouteBody() => JsonSerializer.SerializeAsync(Stream.Null, StringRoute(), ProtocolJsonContext.Default.ChatCompletionRequest);

    [Benchmark(Description = "Base64.EncodeToUtf8 (ceiling)")]
    public int RawBase64()
    {
        Base64.EncodeToUtf8(_image, _base64, out _, out int written);
        return written;
    }

    /// <summary>The request as most code builds it: the whole file in memory, then the whole data URL as one string.</summary>
    private ChatCompletionRequest StringRoute()
    {
        byte[] bytes = File.ReadAllBytes(_path);
        string url = "data:image/png;base64," + Convert.ToBase64String(bytes);
        return new ChatCompletionRequest
        {
            Model = OcrClientOptions.DefaultModel,
            Messages =
            [
                new ChatMessage { Role = "system", Content = ChatContent.FromText(OcrRequest.DefaultPrompt) },
                new ChatMessage { Role = "user", Content = ChatContent.FromParts([new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = url } }]) },
            ],
        };
    }

    private static byte[] Capture(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return buffer.ToArray();
    }

    private static string? ImageUrlOf(byte[] body) =>
        JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ChatCompletionRequest)?.Messages[1].Content?.Parts?[0].ImageUrl?.Url;
}
