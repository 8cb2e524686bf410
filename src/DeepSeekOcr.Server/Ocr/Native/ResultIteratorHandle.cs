using Microsoft.Win32.SafeHandles;

namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>Owns a TessResultIterator; the page iterator borrowed from it is valid only while this is open.</summary>
internal sealed class ResultIteratorHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ResultIteratorHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Tesseract.TessResultIteratorDelete(handle);
        return true;
    }
}
