using System.Text.Json;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// The fastest path, for a chunk that repeats the previous one byte for byte except for its <c>content</c> string,
/// which is how vLLM, OpenAI and most OpenAI-compatible servers stream: the id, <c>created</c>, model, index and
/// <c>finish_reason: null</c> stay the same from chunk to chunk. The previous chunk, read by
/// <see cref="ChunkContentReader"/>, is kept as a template. A new chunk that starts with the template's bytes up to
/// its content string and ends with the template's bytes after it, and whose middle is one complete JSON string, is
/// the same JSON document with another string in that place: it tokenizes exactly as the template did, so it is
/// valid, and its metadata is the template's, which the accumulator already holds. Only the middle is read: by
/// <see cref="JsonStringBody"/> when it is plainly one valid string, else by <see cref="Utf8JsonReader"/>, with the
/// same validation and unescaping as the other paths. Anything else (a chunk of another shape, a middle that is not
/// one string) returns false and the caller reads the chunk whole.
/// </summary>
internal sealed class RepeatedChunkReader : IDisposable
{
    // After this many misses in a row the server makes every chunk unique (OpenAI's "obfuscation" field does): stop
    // paying for the comparison and the copy of each chunk. A server that changes "created" once a second still hits.
    private const int MissesBeforeGivingUp = 16;

    private PooledBytes _template = new(512);
    private Range _contentString;
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
        if (json.Length < head.Length + tail.Length + 2 || !json.StartsWith(head) || !json.EndsWith(tail))
        {
            _missesInARow++;
            return false;
        }

        var token = json[head.Length..^tail.Length];
        if (token[0] != (byte)'"' || token[^1] != (byte)'"')
        {
            return false; // whitespace where the template had the string: let the general path decide
        }

        _missesInARow = 0;
        var body = token[1..^1];
        if (JsonStringBody.TryUnescape(body, into.BeginDelta(body.Length), out int length))
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
    /// Keeps a chunk <see cref="ChunkContentReader"/> has just read as the template, or forgets the template when the
    /// chunk has no single content string: the metadata it stored would not be the template's any more.
    /// </summary>
    public void Remember(ReadOnlySpan<byte> json, in ChunkFindings findings)
    {
        if (findings.ContentString is { } contentString && _missesInARow < MissesBeforeGivingUp)
        {
            _template.Set(json);
            _contentString = contentString;
        }
        else
        {
            Forget();
        }
    }

    /// <summary>Drops the template, after a chunk read by another path that may have changed the metadata.</summary>
    public void Forget() => _template.Clear();

    public void Dispose() => _template.Dispose();
}
