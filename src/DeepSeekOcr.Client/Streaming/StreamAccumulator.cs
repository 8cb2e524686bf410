using System.Text;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// What a stream has said so far: the last piece of text (UTF-8, followed by a NUL for the C callback), all the text,
/// and the metadata. Strings are kept as UTF-8 bytes and only become strings once, in <see cref="ToResult"/>, so
/// taking in a chunk allocates nothing.
/// </summary>
internal sealed class StreamAccumulator : IDisposable
{
    private PooledBytes _delta = new(256);
    private PooledBytes _text = new(4096);
    private PooledBytes _id = new(64);
    private PooledBytes _model = new(64);
    private PooledBytes _finishReason = new(16);

    public ReadOnlyMemory<byte> Delta => _delta.Memory[..^1];

    public ReadOnlySpan<byte> DeltaWithNul => _delta.Span;

    public long Created { get; set; }

    public OcrUsage Usage { get; set; }

    /// <summary>Room for the next piece of text, up to <paramref name="maxLength"/> bytes; <see cref="EndDelta"/> commits it.</summary>
    public Span<byte> BeginDelta(int maxLength)
    {
        _delta.Clear();
        return _delta.GetSpan(maxLength + 1);
    }

    /// <summary>Makes the first <paramref name="length"/> bytes written since <see cref="BeginDelta"/> the current piece.</summary>
    public void EndDelta(int length)
    {
        _delta.GetSpan(length + 1)[length] = 0; // the storage BeginDelta sized: nothing moves
        _delta.Advance(length + 1);
    }

    /// <summary>Adds the current piece to the whole text, once its chunk has been read without a problem.</summary>
    public void CommitDelta() => _text.Append(Delta.Span);

    public void SetId(ReadOnlySpan<byte> id) => SetIfChanged(ref _id, id);

    public void SetModel(ReadOnlySpan<byte> model) => SetIfChanged(ref _model, model);

    public void SetFinishReason(ReadOnlySpan<byte> finishReason) => SetIfChanged(ref _finishReason, finishReason);

    /// <summary>
    /// Takes in a chunk read by the full JSON path; true when it carried text (then to be committed). An error object
    /// fails as the server's error on <paramref name="origin"/>, the answer the chunk came in.
    /// </summary>
    public bool Apply(ChatCompletionChunk chunk, ResponseOrigin origin)
    {
        if (chunk.Error is { } apiError)
        {
            // vLLM reports a failure mid-stream this way, on an HTTP 200.
            throw OcrFailures.ServerReported(origin, ServerErrorReader.From(apiError), midStream: true);
        }

        if (chunk.Id is { } id)
        {
            SetId(Encoding.UTF8.GetBytes(id));
        }

        if (chunk.Model is { } model)
        {
            SetModel(Encoding.UTF8.GetBytes(model));
        }

        Created = chunk.Created != 0 ? chunk.Created : Created;
        if (chunk.Usage is { } usage)
        {
            Usage = new OcrUsage(usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens);
        }

        if (chunk.Choices is not [{ } choice, ..])
        {
            return false; // no choices, or a null one: nothing to say
        }

        if (choice.FinishReason is { } finishReason)
        {
            SetFinishReason(Encoding.UTF8.GetBytes(finishReason));
        }

        string? content = choice.Delta?.Content;
        if (string.IsNullOrEmpty(content))
        {
            return false;
        }

        int length = Encoding.UTF8.GetBytes(content, BeginDelta(Encoding.UTF8.GetMaxByteCount(content.Length)));
        EndDelta(length);
        return true;
    }

    public OcrResult ToResult(int httpStatus) => new()
    {
        TextUtf8 = _text.Span.ToArray(),
        FinishReason = Encoding.UTF8.GetString(_finishReason.Span),
        Id = Encoding.UTF8.GetString(_id.Span),
        Model = Encoding.UTF8.GetString(_model.Span),
        Created = Created,
        Usage = Usage,
        HttpStatus = httpStatus,
    };

    public void Dispose()
    {
        _delta.Dispose();
        _text.Dispose();
        _id.Dispose();
        _model.Dispose();
        _finishReason.Dispose();
    }

    private static void SetIfChanged(ref PooledBytes field, ReadOnlySpan<byte> value)
    {
        if (!field.Span.SequenceEqual(value))
        {
            field.Set(value);
        }
    }
}
