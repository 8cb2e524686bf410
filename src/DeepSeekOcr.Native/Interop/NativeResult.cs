using System.Runtime.InteropServices;

namespace DeepSeekOcr.Native.Interop;

/// <summary><c>ocr_result</c>, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeResult
{
    public byte* Text;
    public nuint TextLength;
    public byte* FinishReason;
    public byte* Id;
    public byte* Model;
    public long Created;
    public NativeUsage Usage;
    public int HttpStatus;
}
