using Microsoft.Win32.SafeHandles;

namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>Owns a TessBaseAPI: ends and deletes it when released.</summary>
internal sealed class TessBaseApiHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TessBaseApiHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Tesseract.TessBaseAPIEnd(handle);
        Tesseract.TessBaseAPIDelete(handle);
        return true;
    }
}
