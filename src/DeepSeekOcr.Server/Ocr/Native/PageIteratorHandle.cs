using Microsoft.Win32.SafeHandles;

namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>Owns a TessPageIterator returned by layout analysis (unlike one borrowed from a result iterator).</summary>
internal sealed class PageIteratorHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PageIteratorHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Tesseract.TessPageIteratorDelete(handle);
        return true;
    }
}
