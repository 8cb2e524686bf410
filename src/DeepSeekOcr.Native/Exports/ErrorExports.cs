using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Exports;

/// <summary>
/// The runtime's half of <c>ocr_last_error</c> and <c>ocr_last_error_details</c>: the C gate (Gate/gate.c) answers
/// for failures it found itself and calls these for the rest.
/// </summary>
internal static unsafe class ErrorExports
{
    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_last_error", CallConvs = [typeof(CallConvCdecl)])]
    public static byte* LastErrorMessage() => LastError.Message;

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_last_error_details", CallConvs = [typeof(CallConvCdecl)])]
    public static void LastErrorDetails(NativeErrorDetails* details) => LastError.Fill(details);
}
