using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Lays out an <c>ocr_result</c>, its regions, their boxes and every string in one native block (structs first, at
/// their alignment, then the strings), so one free releases everything. Live blocks are
/// tracked so that freeing a pointer twice, or one the library never gave out, does nothing instead of corrupting
/// the heap.
/// </summary>
internal static unsafe class ResultAllocator
{
    private static readonly ConcurrentDictionary<nint, byte> Live = new();

    public static NativeResult* Allocate(OcrResult result)
    {
        var text = result.TextUtf8.Span;
        var regions = result.Regions;
        int boxCount = regions.Sum(r => r.Boxes.Count);
        int structs = sizeof(NativeResult) + regions.Count * sizeof(NativeRegion) + boxCount * sizeof(NativeBox);
        long size = structs + text.Length + 1 + NativeStrings.Utf8Size(result.FinishReason) + NativeStrings.Utf8Size(result.Id) + NativeStrings.Utf8Size(result.Model)
            + NativeStrings.Utf8Size(result.Markdown) + regions.Sum(r => (long)NativeStrings.Utf8Size(r.Label) + NativeStrings.Utf8Size(r.Text));
        byte* block = (byte*)NativeMemory.Alloc((nuint)size);
        var native = (NativeResult*)block;
        var nativeRegions = (NativeRegion*)(block + sizeof(NativeResult));
        var nativeBoxes = (NativeBox*)(nativeRegions + regions.Count);
        byte* next = block + structs;

        native->Text = next;
        text.CopyTo(new Span<byte>(next, text.Length));
        next[text.Length] = 0;
        next += text.Length + 1;
        native->TextLen = (nuint)text.Length;
        native->FinishReason = NativeStrings.Put(result.FinishReason, ref next);
        native->Id = NativeStrings.Put(result.Id, ref next);
        native->Model = NativeStrings.Put(result.Model, ref next);
        native->Created = result.Created;
        native->Usage = new NativeUsage
        {
            PromptTokens = result.Usage.PromptTokens,
            CompletionTokens = result.Usage.CompletionTokens,
            TotalTokens = result.Usage.TotalTokens,
        };
        native->HttpStatus = result.HttpStatus;
        native->Markdown = NativeStrings.Put(result.Markdown, ref next);
        native->RegionCount = (nuint)regions.Count;
        native->Regions = regions.Count == 0 ? null : nativeRegions;
        native->ImageWidth = result.ImageSize?.Width ?? 0;
        native->ImageHeight = result.ImageSize?.Height ?? 0;
        foreach (var region in regions)
        {
            nativeRegions->Label = NativeStrings.Put(region.Label, ref next);
            nativeRegions->Text = NativeStrings.Put(region.Text, ref next);
            nativeRegions->BoxCount = (nuint)region.Boxes.Count;
            nativeRegions->Boxes = nativeBoxes;
            foreach (var box in region.Boxes)
            {
                *nativeBoxes++ = new NativeBox
                {
                    X1 = box.X1, Y1 = box.Y1, X2 = box.X2, Y2 = box.Y2,
                    NormX1 = box.NormalizedX1, NormY1 = box.NormalizedY1, NormX2 = box.NormalizedX2, NormY2 = box.NormalizedY2,
                };
            }

            nativeRegions++;
        }

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
}
