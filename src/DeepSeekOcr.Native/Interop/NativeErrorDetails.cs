using System.Runtime.InteropServices;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary><c>ocr_error_details</c>, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeErrorDetails
{
    public uint StructSize;
    public OcrStatus Status;
    public int HttpStatus;
    public byte* Message;
    public byte* ErrorType;
    public byte* ErrorCode;
    public byte* ErrorParam;
    public byte* ErrorMessage;
    public byte* RequestId;
    public long RetryAfterMs;
}
