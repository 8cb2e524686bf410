using System.Text;
using DeepSeekOcr.Client.Grounding;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client;

/// <summary>The answer to one request. The text is kept as UTF-8, the form the C ABI hands out.</summary>
public sealed record OcrResult
{
    public required ReadOnlyMemory<byte> TextUtf8 { get; init; }

    /// <summary>The text as the server sent it, grounding tags included.</summary>
    public string Text => Encoding.UTF8.GetString(TextUtf8.Span);

    public string FinishReason { get; init; } = "";

    public string Id { get; init; } = "";

    public string Model { get; init; } = "";

    public long Created { get; init; }

    public OcrUsage Usage { get; init; }

    public int HttpStatus { get; init; }

    /// <summary>The text without grounding tags, <c>image</c> regions as Markdown image links.</summary>
    public string Markdown { get; init; } = "";

    /// <summary>The labelled regions of the answer's grounding markup, in the order the model wrote them.</summary>
    public IReadOnlyList<GroundedRegion> Regions { get; init; } = [];

    /// <summary>The source image's size, when known: the pixel boxes are in it.</summary>
    public ImageSize? ImageSize { get; init; }
}
