using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Makes the client encode images with the library's C encoder (Gate/base64.c). This code is compiled ahead of time
/// for x86-64-v2, which has no AVX, and .NET's Base64 here runs at half the speed it has with AVX2; the C encoder
/// picks AVX2 at load where the CPU has it (bench/README.md, "Base64 under AOT").
/// </summary>
internal static unsafe partial class Base64Acceleration
{
    /// <summary>
    /// The C half of the library, linked into the same shared library: no file by this name exists, the csproj lists
    /// it as a DirectPInvoke, so the AOT compiler calls the symbol directly and the linker resolves it.
    /// </summary>
    private const string Gate = "dsocr_gate";

    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "This assembly is the application: Native AOT runs its initializers once, at runtime start, before any export runs.")]
    [ModuleInitializer]
    internal static void Register()
    {
        // Only the AOT library has the C half linked in; a JIT build of this assembly (the tests) encodes in .NET.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            Base64Encoding.Encode = Encode;
        }
    }

    private static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // The C function trusts its caller with the size; a short destination would be written past.
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Base64.GetMaxEncodedToUtf8Length(source.Length));
        fixed (byte* input = source)
        fixed (byte* output = destination)
        {
            return (int)dsocr_base64_encode(input, (nuint)source.Length, output);
        }
    }

    [LibraryImport(Gate)]
    private static partial nuint dsocr_base64_encode(byte* src, nuint length, byte* dst);
}
