using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Each thread's last failure message, as <c>ocr_last_error</c> returns it.</summary>
internal static unsafe class LastError
{
    // A fresh pinned array per failure: the pointer handed out stays valid until this thread's next failure replaces
    // it, and an array (unlike native memory) is reclaimed when its thread ends.
    [ThreadStatic]
    private static byte[]? t_message;

    public static byte* Pointer
    {
        get
        {
            if (t_message is null)
            {
                return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(""u8));
            }

            return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_message));
        }
    }

    public static void Set(string message)
    {
        byte[] bytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(message) + 1, pinned: true);
        int length = Encoding.UTF8.GetBytes(message, bytes);
        bytes[length] = 0;
        t_message = bytes;
    }
}
