using System.Runtime.InteropServices;

namespace DeepSeekOcr.Bench.Base64Aot;

/// <summary>The library's C encoder (Gate/base64.c), linked into this program: only in the AOT build.</summary>
internal static unsafe partial class ShippedEncoder
{
    private const string Gate = "dsocr_gate";

    /// <summary>The path the encoder chose for this CPU: "avx2", "ssse3" or "scalar".</summary>
    public static string PathName
    {
        get
        {
            byte* name;
            dsocr_base64_selected(&name);
            return Marshal.PtrToStringUTF8((nint)name) ?? "";
        }
    }

    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, (source.Length + 2) / 3 * 4);
        fixed (byte* input = source)
        fixed (byte* output = destination)
        {
            return (int)dsocr_base64_encode(input, (nuint)source.Length, output);
        }
    }

    /// <summary>The AVX2 path alone, which CPUs without AVX-512 VBMI take; only on a CPU with AVX2.</summary>
    public static int EncodeWithAvx2(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, (source.Length + 2) / 3 * 4);
        fixed (byte* input = source)
        fixed (byte* output = destination)
        {
            return (int)dsocr_base64_encode_avx2(input, (nuint)source.Length, output);
        }
    }

    [LibraryImport(Gate)]
    private static partial nuint dsocr_base64_encode(byte* src, nuint length, byte* dst);

    [LibraryImport(Gate)]
    private static partial nuint dsocr_base64_encode_avx2(byte* src, nuint length, byte* dst);

    [LibraryImport(Gate)]
    private static partial nint dsocr_base64_selected(byte** name);
}
