using System.Text.Json;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// The fast path for one <c>data:</c> payload of a chat completion stream: a single forward pass of
/// <see cref="Utf8JsonReader"/> that copies <c>choices[0].delta.content</c> (unescaped) and the metadata straight into
/// the <see cref="StreamAccumulator"/>, allocating nothing. The piece of text it finds becomes the accumulator's
/// delta but is only added to the whole text when the caller commits it, after the chunk was read to its end. Whatever it does not expect (an error object, an escaped
/// id, a value of an unexpected type, invalid JSON) makes it give up, and the caller reads the chunk with the full
/// deserializer instead: speed never costs correctness.
/// </summary>
internal static class ChunkContentReader
{
    /// <summary>False when the chunk must be read by the full path; else whether it carried text.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, StreamAccumulator into, out bool hasDelta)
    {
        hasDelta = false;
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
                    if (!ReadChoices(ref reader, into, ref hasDelta))
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

                    into.Created = reader.GetInt64();
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
                }
            }

            // The object must have ended, and nothing may follow it: the full path would reject trailing bytes.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            hasDelta = false;
            return false;
        }
    }

    private static bool ReadChoices(ref Utf8JsonReader reader, StreamAccumulator into, ref bool hasDelta)
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
            if (reader.TokenType != JsonTokenType.StartObject || !ReadChoice(ref reader, into, ref hasDelta))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadChoice(ref Utf8JsonReader reader, StreamAccumulator into, ref bool hasDelta)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!ReadDelta(ref reader, into, ref hasDelta))
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
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
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

    private static bool ReadDelta(ref Utf8JsonReader reader, StreamAccumulator into, ref bool hasDelta)
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

            // An unescaped string is never longer than its escaped form.
            int escapedLength = reader.ValueSpan.Length;
            if (escapedLength == 0)
            {
                continue;
            }

            var destination = into.BeginDelta(escapedLength);
            int length = reader.ValueIsEscaped ? reader.CopyString(destination) : Copy(reader.ValueSpan, destination);
            if (length > 0)
            {
                into.EndDelta(length);
                hasDelta = true;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
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
        return reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped);
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
