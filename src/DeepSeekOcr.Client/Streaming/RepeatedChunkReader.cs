using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// The fastest path, for a chunk that repeats the previous one byte for byte except for its <c>content</c> string,
/// which is how vLLM, OpenAI and most OpenAI-compatible servers stream: the id, <c>created</c>, model, index and
/// <c>finish_reason: null</c> stay the same from chunk to chunk. The previous chunk, read by
/// <see cref="ChunkContentReader"/>, is kept as a template. A new chunk that starts with the template's bytes up to
/// its content string and ends with the template's bytes after it, and whose middle is one complete JSON string, is
/// the same JSON document with another string in that place: it tokenizes exactly as the template did, so it is
/// valid, and its metadata is the template's, which the accumulator already holds. Only the middle is read: by
/// <see cref="JsonStringUnescaper"/> when it is plainly one valid string, else by <see cref="Utf8JsonReader"/>, with the
/// same validation and unescaping as the other paths. Anything else (a chunk of another shape, a middle that is not
/// one string) returns false and the caller reads the chunk whole.
/// Some servers stamp each chunk with its own <c>created</c>, and OpenAI adds a random <c>obfuscation</c> string, so
/// that no two chunks are alike: the template's <see cref="TemplateHoles"/> let those top-level values differ too,
/// each holding one token of the template's kind (a plain integer, which becomes the chunk's <c>created</c>; a plain
/// string, whose value no path reads). The bytes between them must still be the template's.
/// </summary>
internal sealed class RepeatedChunkReader : IDisposable
{
    // After this many misses in a row the server makes every chunk unique in a way the holes do not cover: stop
    // paying for the comparison and the copy of each chunk.
    private const int MissesBeforeGivingUp = 16;

    // The longest "created" taken in a hole: 18 digits always fit a long.
    private const int MaxCreatedDigits = 18;

    private PooledBytes _template = new(512);
    private Range _contentString;
    private TemplateHoles _holes;
    private long _templateCreated; // the template's own "created"; 0 when it has none
    private int _missesInARow;

    public bool TryRead(ReadOnlySpan<byte> json, StreamAccumulator into, out bool hasDelta)
    {
        hasDelta = false;
        if (_template.Length == 0)
        {
            return false;
        }

        var template = _template.Span;
        var head = template[.._contentString.Start];
        var tail = template[_contentString.End..];
        ReadOnlySpan<byte> token;
        long created = _templateCreated;
        if (json.Length >= head.Length + tail.Length + 2 && json.StartsWith(head) && json.EndsWith(tail))
        {
            token = json[head.Length..^tail.Length];
            if (token[0] != (byte)'"' || token[^1] != (byte)'"')
            {
                return false; // whitespace where the template had the string: let the general path decide
            }
        }
        else if (_holes.Count == 0 || !TryMatchAroundHoles(json, out token, out created))
        {
            _missesInARow++;
            return false;
        }

        _missesInARow = 0;
        if (!TryReadContent(token, into, out hasDelta))
        {
            return false;
        }

        into.Created = created != 0 ? created : into.Created; // 0: the template's, or "not sent", as on the full path
        return true;
    }

    /// <summary>
    /// Keeps a chunk <see cref="ChunkContentReader"/> has just read as the template, or forgets the template when the
    /// chunk has no single content string: the metadata it stored would not be the template's any more.
    /// </summary>
    public void Remember(ReadOnlySpan<byte> json, in ChunkFindings findings)
    {
        if (findings.ContentString is { } contentString && _missesInARow < MissesBeforeGivingUp)
        {
            _template.Set(json);
            _contentString = contentString;
            _holes = findings.Holes;
            // The general path has read it with GetInt64: it parses.
            _templateCreated = _holes.CreatedIndex >= 0 && Utf8Parser.TryParse(json[_holes[_holes.CreatedIndex]], out long created, out _) ? created : 0;
        }
        else
        {
            Forget();
        }
    }

    /// <summary>Drops the template, after a chunk read by another path that may have changed the metadata.</summary>
    public void Forget() => _template.Clear();

    public void Dispose() => _template.Dispose();

    /// <summary>Reads the content string token (quotes included) as the chunk's piece of text; false to decline.</summary>
    private static bool TryReadContent(ReadOnlySpan<byte> token, StreamAccumulator into, out bool hasDelta)
    {
        var body = token[1..^1];
        if (JsonStringUnescaper.TryUnescape(body, into.BeginDelta(body.Length), out int length))
        {
            hasDelta = length > 0;
            if (hasDelta)
            {
                into.EndDelta(length);
            }

            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(token);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.BytesConsumed != token.Length)
            {
                hasDelta = false;
                return false; // e.g. "a","b": the middle holds more than one string, so the shape differs
            }

            hasDelta = ChunkContentReader.ReadContent(ref reader, into);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            hasDelta = false;
            return false;
        }
    }

    /// <summary>
    /// Matches a chunk whose bytes equal the template's everywhere but in its holes and its content string, each of
    /// which holds one token of the same kind: the chunk then tokenizes as the template did. Gives the content string
    /// token and the <c>created</c> it holds (0 when the template has no such hole).
    /// </summary>
    private bool TryMatchAroundHoles(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> token, out long created)
    {
        var template = _template.Span;
        token = default;
        created = 0;
        int t = 0;
        int j = 0;
        bool contentRead = false;
        for (int h = 0; h <= _holes.Count; h++)
        {
            var hole = h < _holes.Count ? _holes[h] : default;
            int holeStart = h < _holes.Count ? hole.Start.Value : int.MaxValue;
            if (!contentRead && _contentString.Start.Value < holeStart)
            {
                int end;
                if (!TrySkipLiteral(template[t.._contentString.Start.Value], json, ref j) || (end = StringTokenEnd(json, j)) < 0)
                {
                    return false;
                }

                token = json[j..end];
                j = end;
                t = _contentString.End.Value;
                contentRead = true;
            }

            if (h == _holes.Count)
            {
                break;
            }

            if (!TrySkipLiteral(template[t..hole.Start.Value], json, ref j))
            {
                return false;
            }

            t = hole.End.Value;
            if (!(h == _holes.CreatedIndex ? TryReadCreated(json, ref j, out created) : TrySkipPlainString(json, ref j)))
            {
                return false;
            }
        }

        return json[j..].SequenceEqual(template[t..]);
    }

    private static bool TrySkipLiteral(ReadOnlySpan<byte> literal, ReadOnlySpan<byte> json, ref int at)
    {
        if (!json[at..].StartsWith(literal))
        {
            return false;
        }

        at += literal.Length;
        return true;
    }

    /// <summary>Where the string token starting at <paramref name="at"/> ends (after its closing quote); -1 if none does.</summary>
    private static int StringTokenEnd(ReadOnlySpan<byte> json, int at)
    {
        if (at >= json.Length || json[at] != (byte)'"')
        {
            return -1;
        }

        // Inside a JSON string a quote is either the end or escaped, and every escape starts with a backslash.
        for (int k = at + 1; k < json.Length;)
        {
            int next = json[k..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                return -1;
            }

            k += next;
            if (json[k] == (byte)'"')
            {
                return k + 1;
            }

            k += 2;
        }

        return -1;
    }

    /// <summary>A non-negative integer as JSON writes it (no leading zero, no fraction or exponent), that fits a long.</summary>
    private static bool TryReadCreated(ReadOnlySpan<byte> json, ref int at, out long created)
    {
        created = 0;
        var rest = json[at..];
        int digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        digits = digits < 0 ? rest.Length : digits;
        if (digits is 0 or > MaxCreatedDigits || (digits > 1 && rest[0] == (byte)'0'))
        {
            return false; // the literal after the hole then decides nothing: the general path reads it
        }

        foreach (byte digit in rest[..digits])
        {
            created = (created * 10) + (digit - '0');
        }

        at += digits;
        return true;
    }

    /// <summary>A string without escapes, control bytes or invalid UTF-8; its value matters to no path.</summary>
    private static bool TrySkipPlainString(ReadOnlySpan<byte> json, ref int at)
    {
        if (at >= json.Length || json[at] != (byte)'"')
        {
            return false;
        }

        var body = json[(at + 1)..];
        int end = body.IndexOfAny(JsonStringUnescaper.Special);
        if (end < 0 || body[end] != (byte)'"' || !Utf8.IsValid(body[..end]))
        {
            return false;
        }

        at += end + 2;
        return true;
    }
}
