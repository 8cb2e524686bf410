using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Multi;

/// <summary>
/// An event as <c>ocr_multi_wait</c> wrote it into the caller's <c>ocr_event</c>, keeping alive what its pointers
/// point into (the delta's pinned bytes, the failure's <c>ocr_error_details</c> and strings) until the same thread's
/// next wait on the same multi replaces it. The result is the caller's from the moment it is written.
/// </summary>
internal sealed unsafe class DeliveredEvent
{
    private readonly byte[]? _delta;
    private readonly FailureRecord? _failure;
    private readonly NativeErrorDetails[]? _details;

    private DeliveredEvent(byte[]? delta, FailureRecord? failure, NativeErrorDetails[]? details)
    {
        _delta = delta;
        _failure = failure;
        _details = details;
    }

    /// <summary>
    /// Writes the event into the caller's struct by the extensible-struct rule: at most <paramref name="structSize"/>
    /// bytes, <c>struct_size</c> set to how many were filled, any bytes past this library's struct zeroed. A field
    /// the caller's struct lacks is not written; a result it has no room for is not allocated (it would leak).
    /// </summary>
    public static DeliveredEvent Write(MultiEvent item, NativeEvent* target, nuint structSize)
    {
        NativeEvent filled = default;
        filled.Kind = (int)item.Kind;
        filled.Tag = item.Tag;
        filled.Status = OcrStatus.Ok;
        NativeErrorDetails[]? details = null;
        FailureRecord? failure = null;
        if (item.DeltaWithNul is { } delta)
        {
            filled.Delta = FailureRecord.Address(delta);
            filled.DeltaLen = (nuint)(delta.Length - 1);
        }

        if (item.Result is { } result && Holds(structSize, (byte*)&filled.Result - (byte*)&filled))
        {
            filled.Result = ResultAllocator.Allocate(result);
        }

        if (item.Failure is { } exception)
        {
            filled.Status = exception.Status;
            if (Holds(structSize, (byte*)&filled.Error - (byte*)&filled))
            {
                failure = FailureRecord.Of(exception);
                details = GC.AllocateArray<NativeErrorDetails>(1, pinned: true);
                ref var first = ref MemoryMarshal.GetArrayDataReference(details);
                var pointer = (NativeErrorDetails*)Unsafe.AsPointer(ref first);
                failure.Fill(pointer);
                pointer->StructSize = (uint)sizeof(NativeErrorDetails);
                filled.Error = pointer;
            }
        }

        nuint size = Math.Min(structSize, (nuint)sizeof(NativeEvent));
        filled.StructSize = (uint)size;
        Buffer.MemoryCopy(&filled, target, size, size);
        if (structSize > size)
        {
            new Span<byte>((byte*)target + size, (int)(structSize - size)).Clear();
        }

        return new DeliveredEvent(item.DeltaWithNul, failure, details);
    }

    /// <summary>Whether the caller's struct reaches the end of the pointer field at <paramref name="offset"/>.</summary>
    private static bool Holds(nuint structSize, long offset) => structSize >= (nuint)offset + (nuint)sizeof(nint);
}
