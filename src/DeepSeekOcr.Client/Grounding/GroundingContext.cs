using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Grounding;

/// <summary>What reading an answer's grounding needs from its request: how the mode writes refs, and the image's size.</summary>
internal readonly record struct GroundingContext(bool RefIsText, ImageSize? Size, ImageLinks? Links = null)
{
    /// <summary>
    /// Measures the image from its header (a URL only by the size the caller passed); never throws. With several
    /// images in the request there is no one size: a box may belong to any of them.
    /// </summary>
    public static GroundingContext Of(OcrRequest request, ImageLinks? links = null) => new(ModePrompts.RefIsText(request.Mode), SizeOf(request), links);

    private static ImageSize? SizeOf(OcrRequest request) => request.MoreImages.Count > 0 ? null : request.ImageSize ?? request.Image switch
    {
        FileImageSource file => ImageHeader.FromFile(file.Path),
        MemoryImageSource memory => ImageHeader.FromBytes(memory.Bytes),
        _ => null,
    };

    public OcrResult Apply(OcrResult result)
    {
        var grounded = GroundingParser.Parse(result.Text, RefIsText, Size, Links);
        return result with { Markdown = grounded.Markdown, Regions = grounded.Regions, ImageSize = Size };
    }
}
