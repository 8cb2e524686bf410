using System.Runtime.InteropServices;
using System.Text;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>Reads NUL-terminated UTF-8 from C, refusing bytes that are not UTF-8 instead of guessing.</summary>
internal static unsafe class Utf8Strings
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The string, or null for a NULL pointer.</summary>
    public static string? Read(byte* text, string field)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return Strict.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
        }
        catch (DecoderFallbackException e)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{field} is not valid UTF-8 (bad byte at offset {e.Index})", innerException: e);
        }
    }
}
