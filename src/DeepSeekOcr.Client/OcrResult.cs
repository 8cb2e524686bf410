using System.Text;

namespace DeepSeekOcr.Client;

/// <summary>The answer to one request. The text is kept as UTF-8, the form the C ABI hands out.</summary>
public sealed class OcrResult
{
    public required ReadOnlyMemory<byte> TextUtf8 { get; init; }

    public string Text => Encoding.UTF8.GetString(TextUtf8.Span);

    public string FinishReason { get; init; } = "";

    public string Id { get; init; } = "";

    public string Model { get; init; } = "";

    public long Created { get; init; }

    public OcrUsage Usage { get; init; }

    public int HttpStatus { get; init; }
}
