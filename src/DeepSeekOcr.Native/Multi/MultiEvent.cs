using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Multi;

/// <summary>
/// One event of an <see cref="OcrMulti"/> waiting in its completion queue. Nothing in it is native memory: an event
/// that is never delivered (the multi is freed first) needs no freeing, and the result is laid out for C only when
/// <c>ocr_multi_wait</c> hands it over.
/// </summary>
internal sealed class MultiEvent
{
    private MultiEvent(OcrEventKind kind, ulong tag)
    {
        Kind = kind;
        Tag = tag;
    }

    public OcrEventKind Kind { get; }

    public ulong Tag { get; }

    /// <summary>A delta's text followed by a NUL, in a pinned array: C reads it in place.</summary>
    public byte[]? DeltaWithNul { get; private init; }

    /// <summary>A successful DONE's result.</summary>
    public OcrResult? Result { get; private init; }

    /// <summary>A failed DONE's failure.</summary>
    public OcrException? Failure { get; private init; }

    public static MultiEvent Delta(ulong tag, ReadOnlySpan<byte> textWithNul)
    {
        byte[] copy = GC.AllocateUninitializedArray<byte>(textWithNul.Length, pinned: true);
        textWithNul.CopyTo(copy);
        return new MultiEvent(OcrEventKind.Delta, tag) { DeltaWithNul = copy };
    }

    public static MultiEvent Done(ulong tag, OcrResult result) => new(OcrEventKind.Done, tag) { Result = result };

    public static MultiEvent Failed(ulong tag, OcrException failure) => new(OcrEventKind.Done, tag) { Failure = failure };
}
