using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// A failure as <c>ocr_error_details</c> shows it: the status, the message and the server's details, each string in a
/// pinned array so that the pointers handed out stay valid for as long as the record is referenced (the thread's last
/// error, or the event an <c>ocr_multi_wait</c> delivered), and are reclaimed by the GC once it is not.
/// </summary>
internal sealed unsafe class FailureRecord
{
    private FailureRecord(OcrStatus status, byte[] message)
    {
        Status = status;
        Message = message;
    }

    public OcrStatus Status { get; }

    public byte[] Message { get; }

    private int HttpStatus { get; init; }

    private byte[]? ErrorType { get; init; }

    private byte[]? ErrorCode { get; init; }

    private byte[]? ErrorParam { get; init; }

    private byte[]? ErrorMessage { get; init; }

    private byte[]? RequestId { get; init; }

    private long RetryAfterMs { get; init; } = -1;

    public static FailureRecord Of(OcrStatus status, string message) => new(status, Pinned(message)!);

    public static FailureRecord Of(OcrException exception) => new(exception.Status, Pinned(exception.Message)!)
    {
        HttpStatus = exception.HttpStatus,
        ErrorType = Pinned(exception.ServerError?.Type),
        ErrorCode = Pinned(exception.ServerError?.Code),
        ErrorParam = Pinned(exception.ServerError?.Param),
        ErrorMessage = Pinned(exception.ServerError?.Message),
        RequestId = Pinned(exception.RequestId),
        RetryAfterMs = exception.RetryAfter is { } wait ? (long)wait.TotalMilliseconds : -1,
    };

    /// <summary>Fills every field but <c>struct_size</c>, which says how much of the struct its reader has.</summary>
    public void Fill(NativeErrorDetails* details)
    {
        details->Status = Status;
        details->HttpStatus = HttpStatus;
        details->Message = Address(Message);
        details->ErrorType = Address(ErrorType);
        details->ErrorCode = Address(ErrorCode);
        details->ErrorParam = Address(ErrorParam);
        details->ErrorMessage = Address(ErrorMessage);
        details->RequestId = Address(RequestId);
        details->RetryAfterMs = RetryAfterMs;
    }

    public static byte* Address(byte[]? pinned) =>
        pinned is null ? null : (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

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
}
