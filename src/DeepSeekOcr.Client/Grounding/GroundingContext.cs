using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Grounding;

/// <summary>What reading an answer's grounding needs from its request: how the mode writes refs, and the image's size.</summary>
internal readonly record struct GroundingContext(bool RefIsText, ImageSize? Size, ImageLinks? Links = null)
{
    /// <summary>
    /// The image's size: the one the caller passed (a URL), else the one read from the header of the file or buffer
    /// when the body was built. With several images in the request there is no one size: a box may belong to any.
    /// </summary>
    public static GroundingContext Of(OcrRequest request, RequestBody body, ImageLinks? links = null) =>
        new(ModePrompts.RefIsText(request.Mode), request.MoreImages.Count > 0 ? null : request.ImageSize ?? body.OnlyImageSize, links);

    public OcrResult Apply(OcrResult result)
    {
        var grounded = GroundingParser.Parse(result.Text, RefIsText, Size, Links);
        return result with { Markdown = grounded.Markdown, Regions = grounded.Regions, ImageSize = Size };
    }
}
