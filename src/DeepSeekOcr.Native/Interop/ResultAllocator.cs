using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Lays out an <c>ocr_result</c> and its strings in one native block, so one free releases everything. Live blocks are
/// tracked so that freeing a pointer twice, or one the library never gave out, does nothing instead of corrupting
/// the heap.
/// </summary>
internal static unsafe class ResultAllocator
{
    private static readonly ConcurrentDictionary<nint, byte> Live = new();

    public static NativeResult* Allocate(OcrResult result)
    {
        var text = result.TextUtf8.Span;
        int size = sizeof(NativeResult) + text.Length + 1 + Utf8Size(result.FinishReason) + Utf8Size(result.Id) + Utf8Size(result.Model);
        byte* block = (byte*)NativeMemory.Alloc((nuint)size);
        var native = (NativeResult*)block;
        byte* next = block + sizeof(NativeResult);

        native->Text = next;
        text.CopyTo(new Span<byte>(next, text.Length));
        next[text.Length] = 0;
        next += text.Length + 1;
        native->TextLen = (nuint)text.Length;
        native->FinishReason = Put(result.FinishReason, ref next);
        native->Id = Put(result.Id, ref next);
        native->Model = Put(result.Model, ref next);
        native->Created = result.Created;
        native->Usage = new NativeUsage
        {
            PromptTokens = result.Usage.PromptTokens,
            CompletionTokens = result.Usage.CompletionTokens,
            TotalTokens = result.Usage.TotalTokens,
        };
        native->HttpStatus = result.HttpStatus;
        Live[(nint)block] = 0;
        return native;
    }

    public static void Free(NativeResult* result)
    {
        if (Live.TryRemove((nint)result, out _))
        {
            NativeMemory.Free(result);
        }
    }

    private static int Utf8Size(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    private static byte* Put(string value, ref byte* next)
    {
        byte* start = next;
        int length = Encoding.UTF8.GetBytes(value, new Span<byte>(next, Utf8Size(value)));
        next[length] = 0;
        next += length + 1;
        return start;
    }
}
