using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Each thread's last failure, as <c>ocr_last_error</c> and <c>ocr_last_error_details</c> return it.</summary>
internal static unsafe class LastError
{
    // A fresh record per failure, its strings in pinned arrays: the pointers handed out stay valid until this thread's
    // next failure replaces it, and arrays (unlike native memory) are reclaimed when their thread ends.
    [ThreadStatic]
    private static FailureRecord? _failure;

    private static byte* Empty => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(""u8));

    public static byte* Message => _failure is { } failure ? FailureRecord.Address(failure.Message) : Empty;

    public static void Set(OcrStatus status, string message) => _failure = FailureRecord.Of(status, message);

    public static void Set(OcrException exception) => _failure = FailureRecord.Of(exception);

    /// <summary>
    /// Fills every field but <c>struct_size</c>, which the gate sets for the caller's size. The gate passes the
    /// details already holding "no failure" (gate.c, ocr_last_error_details_size): with none recorded, they stay.
    /// </summary>
    public static void Fill(NativeErrorDetails* details) => _failure?.Fill(details);
}
