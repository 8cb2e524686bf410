using System.Runtime.InteropServices;

namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>
/// The part of Tesseract's C API (tesseract/capi.h) the server uses, bound to Debian's libtesseract.so.5.
/// C BOOL is int; page iterators are borrowed from their result iterator and never freed on their own.
/// </summary>
internal static partial class Tesseract
{
    private const string Library = "libtesseract.so.5";

    /// <summary>PSM_AUTO: full page layout analysis without orientation detection.</summary>
    public const int PageSegModeAuto = 3;

    /// <summary>PSM_SINGLE_BLOCK: the image (or rectangle) is one uniform block of text.</summary>
    public const int PageSegModeSingleBlock = 6;

    [LibraryImport(Library)]
    public static partial TessBaseApiHandle TessBaseAPICreate();

    [LibraryImport(Library)]
    public static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(TessBaseApiHandle handle, string dataPath, string language);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(TessBaseApiHandle handle, string name, string value);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetPageSegMode(TessBaseApiHandle handle, int mode);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetImage2(TessBaseApiHandle handle, PixHandle pix);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIRecognize(TessBaseApiHandle handle, IntPtr monitor);

    [LibraryImport(Library)]
    public static partial ResultIteratorHandle TessBaseAPIGetIterator(TessBaseApiHandle handle);

    /// <summary>Layout analysis only, no recognition: blocks, their types, text lines and baselines.</summary>
    [LibraryImport(Library)]
    public static partial PageIteratorHandle TessBaseAPIAnalyseLayout(TessBaseApiHandle handle);

    /// <summary>Restricts recognition to a part of the image set; clears earlier results, keeps the image.</summary>
    [LibraryImport(Library)]
    public static partial void TessBaseAPISetRectangle(TessBaseApiHandle handle, int left, int top, int width, int height);

    [LibraryImport(Library)]
    public static partial void TessPageIteratorDelete(IntPtr pageIterator);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorNext(IntPtr pageIterator, PageIteratorLevel level);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIClear(TessBaseApiHandle handle);

    [LibraryImport(Library)]
    public static partial void TessResultIteratorDelete(IntPtr handle);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetPageIterator(ResultIteratorHandle handle);

    [LibraryImport(Library)]
    public static partial int TessResultIteratorNext(ResultIteratorHandle handle, PageIteratorLevel level);

    /// <summary>Returns a string to free with <see cref="TessDeleteText"/>, or NULL.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetUTF8Text(ResultIteratorHandle handle, PageIteratorLevel level);

    [LibraryImport(Library)]
    public static partial void TessPageIteratorBegin(IntPtr pageIterator);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorIsAtBeginningOf(IntPtr pageIterator, PageIteratorLevel level);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorBoundingBox(
        IntPtr pageIterator, PageIteratorLevel level, out int left, out int top, out int right, out int bottom);

    /// <summary>The baseline of the current element as a line from (x1, y1) to (x2, y2).</summary>
    [LibraryImport(Library)]
    public static partial int TessPageIteratorBaseline(
        IntPtr pageIterator, PageIteratorLevel level, out int x1, out int y1, out int x2, out int y2);

    [LibraryImport(Library)]
    public static partial PolyBlockType TessPageIteratorBlockType(IntPtr pageIterator);

    [LibraryImport(Library)]
    public static partial void TessDeleteText(IntPtr text);
}
