using System.Runtime.InteropServices;

namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// A PDF opened by Poppler, rendering its pages with cairo. Poppler's documents are not thread-safe: one caller at a
/// time (the document pipeline renders every page from one loop, one page after another).
/// </summary>
internal sealed unsafe class PdfDocument : IDisposable
{
    /// <summary>Spec (ISO 32000-1, 7.5.2): the file begins with "%PDF-"; readers accept it within the first 1024 bytes.</summary>
    private const int HeaderWindow = 1024;

    /// <summary>The largest side of a cairo image surface.</summary>
    private const int MaxPixels = 32767;

    private readonly PopplerLibrary _poppler;
    private nint _document;

    private PdfDocument(PopplerLibrary poppler, nint document)
    {
        _poppler = poppler;
        _document = document;
        PageCount = poppler.DocumentGetNPages(document);
    }

    public int PageCount { get; }

    /// <summary>Opens the bytes of a PDF (Poppler keeps its own copy); bytes that are not one fail with UnsupportedImage.</summary>
    public static PdfDocument Open(PopplerLibrary poppler, ReadOnlySpan<byte> pdf)
    {
        if (pdf[..Math.Min(pdf.Length, HeaderWindow)].IndexOf("%PDF-"u8) < 0)
        {
            throw new OcrException(OcrStatus.UnsupportedImage, "the document is not a PDF: no %PDF- header in its first 1024 bytes");
        }

        nint bytes;
        fixed (byte* data = pdf)
        {
            bytes = poppler.GBytesNew(data, (nuint)pdf.Length);
        }

        GError* error = null;
        nint document = poppler.DocumentNewFromBytes(bytes, null, &error);
        poppler.GBytesUnref(bytes); // the document holds its own reference
        if (document == 0)
        {
            string reason = error is null ? "Poppler gave no reason" : Marshal.PtrToStringUTF8((nint)error->Message) ?? "";
            if (error is not null)
            {
                poppler.GErrorFree(error);
            }

            throw new OcrException(OcrStatus.UnsupportedImage, $"the PDF cannot be opened: {reason}");
        }

        return new PdfDocument(poppler, document);
    }

    /// <summary>
    /// Renders a page (1-based) at <paramref name="dpi"/> onto white, as PNG. The surface is kept in the result only
    /// when <paramref name="keepPixels"/> is set, for cropping figures from it.
    /// </summary>
    public RenderedPage Render(int number, int dpi, bool keepPixels)
    {
        ObjectDisposedException.ThrowIf(_document == 0, this);
        nint page = _poppler.DocumentGetPage(_document, number - 1);
        if (page == 0)
        {
            throw new OcrException(OcrStatus.UnsupportedImage, $"page {number} of the PDF cannot be read");
        }

        try
        {
            double width, height;
            _poppler.PageGetSize(page, &width, &height);
            double scale = dpi / 72.0;
            int pixelWidth = Pixels(width * scale), pixelHeight = Pixels(height * scale);
            if (pixelWidth is < 1 or > MaxPixels || pixelHeight is < 1 or > MaxPixels)
            {
                throw new OcrException(
                    OcrStatus.UnsupportedImage,
                    $"page {number} is {width:0.#} x {height:0.#} points: {pixelWidth} x {pixelHeight} pixels at {dpi} DPI, outside 1 to {MaxPixels}");
            }

            nint surface = _poppler.ImageSurfaceCreate(PopplerLibrary.FormatRgb24, pixelWidth, pixelHeight);
            try
            {
                Draw(page, surface, scale, number);
                byte[] png = PngEncoder.Encode(_poppler.Pixels(surface, pixelHeight), _poppler.ImageSurfaceGetStride(surface), 0, 0, pixelWidth, pixelHeight);
                var rendered = new RenderedPage(_poppler, number, pixelWidth, pixelHeight, png, keepPixels ? surface : 0);
                surface = keepPixels ? 0 : surface;
                return rendered;
            }
            finally
            {
                if (surface != 0)
                {
                    _poppler.SurfaceDestroy(surface);
                }
            }
        }
        finally
        {
            _poppler.GObjectUnref(page);
        }
    }

    private void Draw(nint page, nint surface, double scale, int number)
    {
        int status = _poppler.SurfaceStatus(surface);
        if (status != PopplerLibrary.CairoSuccess)
        {
            throw new OcrException(OcrStatus.Internal, $"cairo could not make a surface for page {number}: {_poppler.Describe(status)}");
        }

        nint cairo = _poppler.Create(surface);
        // A PDF page is transparent where nothing is drawn; the official pipeline (PyMuPDF, alpha=False) puts it on white.
        _poppler.SetSourceRgb(cairo, 1, 1, 1);
        _poppler.Paint(cairo);
        _poppler.Scale(cairo, scale, scale);
        _poppler.PageRender(page, cairo);
        status = _poppler.Status(cairo);
        _poppler.Destroy(cairo);
        _poppler.SurfaceFlush(surface);
        if (status != PopplerLibrary.CairoSuccess)
        {
            throw new OcrException(OcrStatus.UnsupportedImage, $"page {number} could not be rendered: {_poppler.Describe(status)}");
        }
    }

    /// <summary>As PyMuPDF rounds a page's rectangle to pixels: up, unless within a hair of the integer below.</summary>
    private static int Pixels(double extent) => (int)Math.Min(Math.Ceiling(extent - 0.001), int.MaxValue);

    public void Dispose()
    {
        if (_document != 0)
        {
            _poppler.GObjectUnref(_document);
            _document = 0;
        }
    }
}
