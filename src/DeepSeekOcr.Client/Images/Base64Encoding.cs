using System.Buffers.Text;

namespace DeepSeekOcr.Client.Images;

/// <summary>
/// The Base64 encoder of image bytes: standard Base64 with padding of the whole source, returning the bytes written.
/// .NET's own by default, which under the JIT already uses the best instructions of the machine. The Native AOT
/// library, whose managed code is fixed at build time for an older instruction set, puts in one that picks AVX2 at
/// run time (DeepSeekOcr.Native's Interop/Base64Acceleration.cs).
/// </summary>
internal static class Base64Encoding
{
    /// <summary>Set once at startup, before any request; the destination holds the whole encoding.</summary>
    public static Func<ReadOnlySpan<byte>, Span<byte>, int> Encode { get; set; } = EncodeWithDotNet;

    private static int EncodeWithDotNet(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Base64.EncodeToUtf8(source, destination, out _, out int written);
        return written;
    }
}
