using System.Runtime.InteropServices;

namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// The functions of Poppler's GLib interface and cairo that rendering a page needs, found at run time with
/// <see cref="NativeLibrary"/>: a process without Poppler loads, and recognises images, as well as one with it; only a
/// document fails, with <see cref="OcrStatus.Unavailable"/> naming the package. Loaded once per process and never
/// unloaded (the libraries stay mapped anyway while GLib's type system holds its classes).
/// </summary>
internal sealed unsafe class PopplerLibrary
{
    /// <summary>cairo_format_t CAIRO_FORMAT_RGB24: 32 bits per pixel, native-endian 0x00RRGGBB.</summary>
    public const int FormatRgb24 = 1;

    /// <summary>cairo_status_t CAIRO_STATUS_SUCCESS.</summary>
    public const int CairoSuccess = 0;

    private static readonly Lock LoadLock = new();
    private static PopplerLibrary? _loaded;

    private PopplerLibrary()
    {
    }

    // GLib and GObject.
    public delegate* unmanaged[Cdecl]<void*, nuint, nint> GBytesNew { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, void> GBytesUnref { get; private set; }

    public delegate* unmanaged[Cdecl]<GError*, void> GErrorFree { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, void> GObjectUnref { get; private set; }

    // Poppler.
    public delegate* unmanaged[Cdecl]<nint, byte*, GError**, nint> DocumentNewFromBytes { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, int> DocumentGetNPages { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, int, nint> DocumentGetPage { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, double*, double*, void> PageGetSize { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, nint, void> PageRender { get; private set; }

    // cairo.
    public delegate* unmanaged[Cdecl]<int, int, int, nint> ImageSurfaceCreate { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, int> SurfaceStatus { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, byte*> ImageSurfaceGetData { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, int> ImageSurfaceGetStride { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, void> SurfaceFlush { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, void> SurfaceDestroy { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, nint> Create { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, int> Status { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, void> Destroy { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, double, double, double, void> SetSourceRgb { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, nint, double, double, void> SetSourceSurface { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, void> Paint { get; private set; }

    public delegate* unmanaged[Cdecl]<nint, double, double, void> Scale { get; private set; }

    public delegate* unmanaged[Cdecl]<int, byte*> StatusToString { get; private set; }

    /// <summary>The libraries of this system, loaded on first use; a failed load is tried again on the next call.</summary>
    public static PopplerLibrary Shared()
    {
        lock (LoadLock)
        {
            return _loaded ??= Load(PopplerLibraryNames.ForThisSystem);
        }
    }

    /// <summary>Loads the libraries by these names, or throws <see cref="OcrStatus.Unavailable"/> naming what is missing.</summary>
    public static PopplerLibrary Load(PopplerLibraryNames names)
    {
        nint glib = Open(names.GLib), gobject = Open(names.GObject), poppler = Open(names.Poppler), cairo = Open(names.Cairo);
        var library = new PopplerLibrary
        {
            GBytesNew = (delegate* unmanaged[Cdecl]<void*, nuint, nint>)Export(glib, names.GLib, "g_bytes_new"),
            GBytesUnref = (delegate* unmanaged[Cdecl]<nint, void>)Export(glib, names.GLib, "g_bytes_unref"),
            GErrorFree = (delegate* unmanaged[Cdecl]<GError*, void>)Export(glib, names.GLib, "g_error_free"),
            GObjectUnref = (delegate* unmanaged[Cdecl]<nint, void>)Export(gobject, names.GObject, "g_object_unref"),
            DocumentNewFromBytes = (delegate* unmanaged[Cdecl]<nint, byte*, GError**, nint>)Export(poppler, names.Poppler, "poppler_document_new_from_bytes"),
            DocumentGetNPages = (delegate* unmanaged[Cdecl]<nint, int>)Export(poppler, names.Poppler, "poppler_document_get_n_pages"),
            DocumentGetPage = (delegate* unmanaged[Cdecl]<nint, int, nint>)Export(poppler, names.Poppler, "poppler_document_get_page"),
            PageGetSize = (delegate* unmanaged[Cdecl]<nint, double*, double*, void>)Export(poppler, names.Poppler, "poppler_page_get_size"),
            PageRender = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export(poppler, names.Poppler, "poppler_page_render"),
            ImageSurfaceCreate = (delegate* unmanaged[Cdecl]<int, int, int, nint>)Export(cairo, names.Cairo, "cairo_image_surface_create"),
            SurfaceStatus = (delegate* unmanaged[Cdecl]<nint, int>)Export(cairo, names.Cairo, "cairo_surface_status"),
            ImageSurfaceGetData = (delegate* unmanaged[Cdecl]<nint, byte*>)Export(cairo, names.Cairo, "cairo_image_surface_get_data"),
            ImageSurfaceGetStride = (delegate* unmanaged[Cdecl]<nint, int>)Export(cairo, names.Cairo, "cairo_image_surface_get_stride"),
            SurfaceFlush = (delegate* unmanaged[Cdecl]<nint, void>)Export(cairo, names.Cairo, "cairo_surface_flush"),
            SurfaceDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(cairo, names.Cairo, "cairo_surface_destroy"),
            Create = (delegate* unmanaged[Cdecl]<nint, nint>)Export(cairo, names.Cairo, "cairo_create"),
            Status = (delegate* unmanaged[Cdecl]<nint, int>)Export(cairo, names.Cairo, "cairo_status"),
            Destroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(cairo, names.Cairo, "cairo_destroy"),
            SetSourceRgb = (delegate* unmanaged[Cdecl]<nint, double, double, double, void>)Export(cairo, names.Cairo, "cairo_set_source_rgb"),
            SetSourceSurface = (delegate* unmanaged[Cdecl]<nint, nint, double, double, void>)Export(cairo, names.Cairo, "cairo_set_source_surface"),
            Paint = (delegate* unmanaged[Cdecl]<nint, void>)Export(cairo, names.Cairo, "cairo_paint"),
            Scale = (delegate* unmanaged[Cdecl]<nint, double, double, void>)Export(cairo, names.Cairo, "cairo_scale"),
            StatusToString = (delegate* unmanaged[Cdecl]<int, byte*>)Export(cairo, names.Cairo, "cairo_status_to_string"),
        };
        return library;
    }

    /// <summary>The pixels of an image surface (flushed): cairo's RGB24 rows, <see cref="ImageSurfaceGetStride"/> bytes apart.</summary>
    public ReadOnlySpan<byte> Pixels(nint surface, int height) =>
        new(ImageSurfaceGetData(surface), ImageSurfaceGetStride(surface) * height);

    /// <summary>cairo's words for a status, e.g. "out of memory".</summary>
    public string Describe(int cairoStatus) => Marshal.PtrToStringUTF8((nint)StatusToString(cairoStatus)) ?? $"cairo status {cairoStatus}";

    private static nint Open(string name) =>
        NativeLibrary.TryLoad(name, out nint handle)
            ? handle
            : throw new OcrException(
                OcrStatus.Unavailable,
                $"rendering a PDF needs Poppler's GLib library with cairo ({name} could not be loaded): install libpoppler-glib8 "
                + "(Debian/Ubuntu) or poppler-glib (Fedora, Arch; Homebrew and MSYS2: poppler); images do not need it");

    private static nint Export(nint library, string libraryName, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address)
            ? address
            : throw new OcrException(
                OcrStatus.Unavailable,
                $"{libraryName} has no {name}: rendering a PDF needs Poppler 0.82 or later (libpoppler-glib8) and cairo 1.10 or later");
}
