using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// Reads the body of a JSON string (the bytes between its quotes) into UTF-8 for the repeated-chunk path, faster than
/// a <see cref="System.Text.Json.Utf8JsonReader"/> because it does nothing else. It only answers for a body that is
/// certainly one valid JSON string: escapes from the JSON grammar, surrogates in pairs, valid UTF-8. For anything
/// else (a quote or control byte, an unknown escape, a lone surrogate, invalid UTF-8) it returns false, and the caller
/// leaves the decision to System.Text.Json, so that what it accepts and what it produces never differ.
/// </summary>
internal static class JsonStringUnescaper
{
    // What ends a JSON string, starts an escape or is not allowed in one.
    public static readonly SearchValues<byte> Special = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary>
    /// Writes the unescaped text to <paramref name="destination"/>, which must hold <paramref name="body"/>'s length
    /// (unescaping never makes a string longer); false when the body is not plainly one valid string.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> body, Span<byte> destination, out int written)
    {
        written = 0;
        int at = 0;
        while (true)
        {
            int special = body[at..].IndexOfAny(Special);
            if (special < 0)
            {
                body[at..].CopyTo(destination[written..]);
                written += body.Length - at;
                return Utf8.IsValid(destination[..written]); // escapes only write whole characters: raw bytes decide
            }

            body.Slice(at, special).CopyTo(destination[written..]);
            written += special;
            at += special;
            if (body[at] != (byte)'\\' || at + 1 >= body.Length)
            {
                return false;
            }

            byte escaped = body[at + 1];
            at += 2;
            byte simple = escaped switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'/' => (byte)'/',
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => 0,
            };
            if (simple != 0)
            {
                destination[written++] = simple;
                continue;
            }

            if (escaped != (byte)'u' || !TryReadCodePoint(body, ref at, out Rune rune))
            {
                return false;
            }

            written += rune.EncodeToUtf8(destination[written..]);
        }
    }

    /// <summary>Reads the <c>XXXX</c> after a <c>\u</c> at <paramref name="at"/>, and a low surrogate's <c>\uXXXX</c> after a high one.</summary>
    private static bool TryReadCodePoint(ReadOnlySpan<byte> body, ref int at, out Rune rune)
    {
        rune = default;
        if (!TryReadHex4(body, at, out int unit))
        {
            return false;
        }

        at += 4;
        if (!char.IsSurrogate((char)unit))
        {
            rune = new Rune(unit);
            return true;
        }

        if (!char.IsHighSurrogate((char)unit) || at + 6 > body.Length || body[at] != (byte)'\\' || body[at + 1] != (byte)'u'
            || !TryReadHex4(body, at + 2, out int low) || !char.IsLowSurrogate((char)low))
        {
            return false; // a lone surrogate: System.Text.Json decides what that means
        }

        at += 6;
        rune = new Rune((char)unit, (char)low);
        return true;
    }

    private static bool TryReadHex4(ReadOnlySpan<byte> body, int at, out int value)
    {
        value = 0;
        if (at + 4 > body.Length)
        {
            return false;
        }

        for (int i = at; i < at + 4; i++)
        {
            int digit = HexValue(body[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
