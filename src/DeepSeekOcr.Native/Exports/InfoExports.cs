using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Exports;

/// <summary><c>ocr_last_error</c>, <c>ocr_status_string</c>, <c>ocr_version</c>: static or thread-owned strings.</summary>
internal static unsafe class InfoExports
{
    [UnmanagedCallersOnly(EntryPoint = "ocr_last_error", CallConvs = [typeof(CallConvCdecl)])]
    public static byte* LastErrorMessage() => LastError.Pointer;

    [UnmanagedCallersOnly(EntryPoint = "ocr_status_string", CallConvs = [typeof(CallConvCdecl)])]
    public static byte* StatusString(OcrStatus status) => Static(StatusStrings.For(status));

    // Must equal OCR_VERSION in native/include/deepseek_ocr.h; a test compares them.
    [UnmanagedCallersOnly(EntryPoint = "ocr_version", CallConvs = [typeof(CallConvCdecl)])]
    public static byte* Version() => Static("1.0.0\0"u8);

    // u8 literals live in the library's read-only data, so their address never changes.
    private static byte* Static(ReadOnlySpan<byte> text) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
}
