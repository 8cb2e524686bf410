using System.Text;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Strings laid out in a block the allocators hand to C: UTF-8, each followed by its NUL.</summary>
internal static unsafe class NativeStrings
{
    /// <summary>The bytes <paramref name="value"/> takes in the block, its NUL included.</summary>
    public static int Utf8Size(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    /// <summary>Writes <paramref name="value"/> and its NUL at <paramref name="next"/>, moves past them, and returns where it starts.</summary>
    public static byte* Put(string value, ref byte* next)
    {
        byte* start = next;
        int length = Encoding.UTF8.GetBytes(value, new Span<byte>(next, Utf8Size(value)));
        next[length] = 0;
        next += length + 1;
        return start;
    }
}
