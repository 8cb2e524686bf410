using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Each thread's last failure, as <c>ocr_last_error</c> and <c>ocr_last_error_details</c> return it.</summary>
internal static unsafe class LastError
{
    // A fresh record per failure, its strings in pinned arrays: the pointers handed out stay valid until this thread's
    // next failure replaces it, and arrays (unlike native memory) are reclaimed when their thread ends.
    [ThreadStatic]
    private static Failure? t_failure;

    private static byte* Empty => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(""u8));

    public static byte* Message => t_failure is { } failure ? Address(failure.Message) : Empty;

    public static void Set(OcrStatus status, string message) => t_failure = new Failure(status, Pinned(message)!);

    public static void Set(OcrException exception) => t_failure = new Failure(exception.Status, Pinned(exception.Message)!)
    {
        HttpStatus = exception.HttpStatus,
        ErrorType = Pinned(exception.ServerError?.Type),
        ErrorCode = Pinned(exception.ServerError?.Code),
        ErrorParam = Pinned(exception.ServerError?.Param),
        ErrorMessage = Pinned(exception.ServerError?.Message),
        RequestId = Pinned(exception.RequestId),
        RetryAfterMs = exception.RetryAfter is { } wait ? (long)wait.TotalMilliseconds : -1,
    };

    /// <summary>
    /// Fills every field but <c>struct_size</c>, which the gate sets for the caller's size. The gate passes the
    /// details already holding "no failure" (gate.c, ocr_last_error_details_size): with none recorded, they stay.
    /// </summary>
    public static void Fill(NativeErrorDetails* details)
    {
        if (t_failure is not { } failure)
        {
            return;
        }

        details->Status = failure.Status;
        details->HttpStatus = failure.HttpStatus;
        details->Message = Address(failure.Message);
        details->ErrorType = Address(failure.ErrorType);
        details->ErrorCode = Address(failure.ErrorCode);
        details->ErrorParam = Address(failure.ErrorParam);
        details->ErrorMessage = Address(failure.ErrorMessage);
        details->RequestId = Address(failure.RequestId);
        details->RetryAfterMs = failure.RetryAfterMs;
    }

    private static byte[]? Pinned(string? text)
    {
        if (text is null)
        {
            return null;
        }

        byte[] bytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(text) + 1, pinned: true);
        int length = Encoding.UTF8.GetBytes(text, bytes);
        bytes[length] = 0;
        return bytes;
    }

    private static byte* Address(byte[]? pinned) =>
        pinned is null ? null : (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    private sealed record Failure(OcrStatus Status, byte[] Message)
    {
        public int HttpStatus { get; init; }

        public byte[]? ErrorType { get; init; }

        public byte[]? ErrorCode { get; init; }

        public byte[]? ErrorParam { get; init; }

        public byte[]? ErrorMessage { get; init; }

        public byte[]? RequestId { get; init; }

        public long RetryAfterMs { get; init; } = -1;
    }
}
