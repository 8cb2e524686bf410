using System.Buffers.Text;
using System.Text;
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
/// route, and two ceilings without JSON or stream writes: Base64 alone (for an image already in memory) and reading
/// the file in pieces plus Base64 (for an image file). The bodies write into <see cref="Stream.Null"/>. The streamed
/// body from bytes already in memory separates the cost of reading the file from the cost of the body.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GigabytesPerSecondConfig))]
public class RequestBodyBenchmarks
{
    private const int FileCeilingPieceBytes = 192 * 1024;

    private string _path = null!;
    private OcrRequest _request = null!;
    private OcrRequest _memoryRequest = null!;
    private byte[] _image = null!;
    private byte[] _base64 = null!;
    // Cache-line aligned and pinned, as the library's own: the kernel copies file pages up to 5x slower into a buffer
    // 8 or 16 bytes off a cache line (measured on this AMD Zen 4), so without it the ceiling would vary from run to run.
    private AlignedPooledBuffer _filePiece;
    private AlignedPooledBuffer _filePieceBase64;

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
        _filePiece = new AlignedPooledBuffer(FileCeilingPieceBytes);
        _filePieceBase64 = new AlignedPooledBuffer(Base64.GetMaxEncodedToUtf8Length(FileCeilingPieceBytes));

        // Both bodies must carry the same request. Not byte for byte: STJ's default encoder writes '+' as \u002B.
        var streamed = Capture(s => RequestBodyBuilder.Build(_request, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes).ToContent().CopyToAsync(s).GetAwaiter().GetResult());
        var stringRoute = Capture(s => JsonSerializer.Serialize(s, StringRoute(), ProtocolJsonContext.Default.ChatCompletionRequest));
        ResultCheck.Expect("the streamed body's image URL", 1, ImageUrlOf(streamed) == ImageUrlOf(stringRoute) ? 1 : 0);
        ResultCheck.Expect("the streamed body from memory", 1, Capture(s => RequestBodyBuilder.Build(_memoryRequest, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes).ToContent().CopyToAsync(s).GetAwaiter().GetResult()).AsSpan().SequenceEqual(streamed) ? 1 : 0);
        var fileCeiling = new MemoryStream();
        ResultCheck.Expect("the file ceiling's Base64 length", Base64.GetMaxEncodedToUtf8Length(_image.Length), EncodeFileInPieces(fileCeiling));
        ResultCheck.Expect("the file ceiling's Base64", 1, fileCeiling.ToArray().AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(Convert.ToBase64String(_image))) ? 1 : 0);
        ResultCheck.Expect("the streamed body's Content-Length", streamed.Length, RequestBodyBuilder.Build(_request, OcrClientOptions.DefaultModel, stream: false, OcrClientOptions.DefaultMaxImageBytes).Length);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_path);
        _filePiece.Dispose();
        _filePieceBase64.Dispose();
    }

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

    [Benchmark(Description = "Base64.EncodeToUtf8 (ceiling, image in memory)")]
    public int RawBase64()
    {
        Base64.EncodeToUtf8(_image, _base64, out _, out int written);
        return written;
    }

    [Benchmark(Description = "RandomAccess.Read + Base64.EncodeToUtf8 in pieces (ceiling, image file)")]
    public long RawFileBase64() => EncodeFileInPieces(copyTo: null);

    /// <summary>
    /// The least work an image file needs: open it, copy it out of the page cache piece by piece into one reused
    /// buffer, and encode each piece into another. 192 KiB pieces into cache-line aligned buffers were among the
    /// fastest of 48 KiB to 768 KiB, aligned or not, on the machine in bench/README.md: the library cannot beat this
    /// row by choosing a better setting. Returns the Base64 length; <paramref name="copyTo"/> lets setup check the Base64 itself.
    /// </summary>
    private long EncodeFileInPieces(Stream? copyTo)
    {
        using var file = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(file);
        long offset = 0;
        long encoded = 0;
        while (offset < length)
        {
            int read = RandomAccess.Read(file, _filePiece.Memory.Span[..(int)Math.Min(FileCeilingPieceBytes, length - offset)], offset);
            offset += read;
            Base64.EncodeToUtf8(_filePiece.Memory.Span[..read], _filePieceBase64.Memory.Span, out _, out int written, isFinalBlock: offset == length);
            encoded += written;
            copyTo?.Write(_filePieceBase64.Memory.Span[..written]);
        }

        return encoded;
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
