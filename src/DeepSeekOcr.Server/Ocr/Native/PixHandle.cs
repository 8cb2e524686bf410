using Microsoft.Win32.SafeHandles;

namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>Owns a Leptonica PIX (a decoded image).</summary>
internal sealed class PixHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PixHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var pix = handle;
        Leptonica.pixDestroy(ref pix);
        return true;
    }
}
