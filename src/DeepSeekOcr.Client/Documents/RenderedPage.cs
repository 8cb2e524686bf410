using DeepSeekOcr.Client.Grounding;

namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// A page rendered to PNG, and (when figures are cropped) its pixels, which stay in a cairo surface until disposed.
/// Cropping only reads the pixels, so it may run on any thread while the document renders other pages.
/// </summary>
internal sealed unsafe class RenderedPage : IDisposable
{
    private readonly PopplerLibrary _cairo;
    private nint _surface;

    public RenderedPage(PopplerLibrary cairo, int number, int width, int height, byte[] png, nint surface)
    {
        _cairo = cairo;
        Number = number;
        Width = width;
        Height = height;
        Png = png;
        _surface = surface;
    }

    public int Number { get; }

    public int Width { get; }

    public int Height { get; }

    public byte[] Png { get; }

    /// <summary>The box's pixels as a PNG, or null for a box with no area inside the page.</summary>
    public byte[]? Crop(GroundingBox box)
    {
        ObjectDisposedException.ThrowIf(_surface == 0, this);
        int x1 = Math.Clamp(box.X1, 0, Width), y1 = Math.Clamp(box.Y1, 0, Height);
        int x2 = Math.Clamp(box.X2, 0, Width), y2 = Math.Clamp(box.Y2, 0, Height);
        return !box.HasPixels || x2 <= x1 || y2 <= y1
            ? null
            : PngEncoder.Encode(_cairo.Pixels(_surface, Height), _cairo.ImageSurfaceGetStride(_surface), x1, y1, x2 - x1, y2 - y1);
    }

    public void Dispose()
    {
        if (_surface != 0)
        {
            _cairo.SurfaceDestroy(_surface);
            _surface = 0;
        }
    }
}
