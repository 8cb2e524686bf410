using System.Text.Json;
using System.Text.Unicode;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// The general fast path for one <c>data:</c> payload of a chat completion stream, for chunks the repeated-chunk
/// template (<see cref="RepeatedChunkReader"/>) does not cover: a single forward pass of <see cref="Utf8JsonReader"/>
/// that copies <c>choices[0].delta.content</c> (unescaped) and the metadata straight into the
/// <see cref="StreamAccumulator"/>, allocating nothing. The piece of text it finds becomes the accumulator's delta but
/// is only added to the whole text when the caller commits it, after the chunk was read to its end. Whatever it does
/// not expect (an error object, an escaped id, a value of an unexpected type, invalid JSON or UTF-8) makes it give up,
/// and the caller reads the chunk with the full deserializer instead: speed never costs correctness.
/// </summary>
internal static class ChunkContentReader
{
    /// <summary>False when the chunk must be read by the full path; else what it found besides the metadata.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, StreamAccumulator into, out ChunkFindings findings)
    {
        findings = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                {
                    if (!ReadChoices(ref reader, into, ref findings))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    if (!ReadPlainString(ref reader))
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.String)
                    {
                        into.SetId(reader.ValueSpan);
                    }
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    if (!ReadPlainString(ref reader))
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.String)
                    {
                        into.SetModel(reader.ValueSpan);
                    }
                }
                else if (reader.ValueTextEquals("created"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        return false; // the full path decides what a null or a string here means
                    }

                    findings.Holes.FoundCreated(new Range((int)reader.TokenStartIndex, (int)reader.BytesConsumed));
                    long created = reader.GetInt64();
                    into.Created = created != 0 ? created : into.Created; // 0 means "not sent", as on the full path
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    if (!ReadUsage(ref reader, into))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        return false; // the full path turns it into the server's error
                    }
                }
                else
                {
                    reader.Skip(); // "object", "system_fingerprint", ... do not matter here
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        findings.Holes.FoundSkippedString(new Range((int)reader.TokenStartIndex, (int)reader.BytesConsumed));
                    }
                }
            }

            // The object must have ended, and nothing may follow it: the full path would reject trailing bytes.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            findings = default;
            return false;
        }
    }

    private static bool ReadChoices(ref Utf8JsonReader reader, StreamAccumulator into, ref ChunkFindings findings)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        bool first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                reader.Skip(); // only the first choice is asked for
                continue;
            }

            first = false;
            if (reader.TokenType != JsonTokenType.StartObject || !ReadChoice(ref reader, into, ref findings))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadChoice(ref Utf8JsonReader reader, StreamAccumulator into, ref ChunkFindings findings)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!ReadDelta(ref reader, into, ref findings))
                    {
                        return false;
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                if (IsPlainValidString(ref reader))
                {
                    into.SetFinishReason(reader.ValueSpan);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadDelta(ref Utf8JsonReader reader, StreamAccumulator into, ref ChunkFindings findings)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("content"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            findings.FoundContentString(new Range((int)reader.TokenStartIndex, (int)reader.BytesConsumed));
            findings.HasDelta |= ReadContent(ref reader, into);
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>
    /// Makes the string token the reader is on the accumulator's delta (unescaped); false when it is empty. Throws
    /// <see cref="InvalidOperationException"/> where System.Text.Json cannot unescape it (a lone surrogate).
    /// </summary>
    public static bool ReadContent(ref Utf8JsonReader reader, StreamAccumulator into)
    {
        // An unescaped string is never longer than its escaped form.
        int escapedLength = reader.ValueSpan.Length;
        if (escapedLength == 0)
        {
            return false;
        }

        var destination = into.BeginDelta(escapedLength);
        int length = reader.ValueIsEscaped ? reader.CopyString(destination) : CopyValidUtf8(reader.ValueSpan, destination);
        if (length == 0)
        {
            return false;
        }

        into.EndDelta(length);
        return true;
    }

    private static bool ReadUsage(ref Utf8JsonReader reader, StreamAccumulator into)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var usage = default(OcrUsage);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                usage = usage with { PromptTokens = reader.GetInt64() };
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                usage = usage with { CompletionTokens = reader.GetInt64() };
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                usage = usage with { TotalTokens = reader.GetInt64() };
            }
            else
            {
                reader.Skip();
            }
        }

        into.Usage = usage;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Moves to a value that must be null or a string without escapes (ids and model names are).</summary>
    private static bool ReadPlainString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null || IsPlainValidString(ref reader);
    }

    // Utf8JsonReader does not check the UTF-8 of a string it is not asked to transcode; the full path does, and fails.
    private static bool IsPlainValidString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Utf8.IsValid(reader.ValueSpan);

    private static int CopyValidUtf8(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!Utf8.IsValid(source))
        {
            throw new InvalidOperationException("the content string is not valid UTF-8"); // declined: the full path reports it
        }

        source.CopyTo(destination);
        return source.Length;
    }
}
