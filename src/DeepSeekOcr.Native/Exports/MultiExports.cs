using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;
using DeepSeekOcr.Native.Multi;

namespace DeepSeekOcr.Native.Exports;

/// <summary>
/// The runtime's <c>ocr_multi_*</c>, behind the C gate (Gate/exports.g.c, which has already applied the struct-size
/// rule to the request). Which thread may call what is <see cref="OcrMulti"/>'s to say.
/// </summary>
internal static unsafe class MultiExports
{
    /// <summary>The first published size of <c>ocr_event</c> that a wait can write anything useful into: struct_size and kind.</summary>
    private const int SmallestEvent = 8;

    /// <summary>As the gate's DSOCR_MAX_STRUCT_SIZE: a garbage size must not make the library zero megabytes.</summary>
    private const int LargestStruct = 4096;

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_multi_new", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus New(nint client, int maxInFlight, nint* multi)
    {
        try
        {
            if (multi is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "out is NULL");
            }

            *multi = 0;
            var created = OcrMulti.Create(Handles.Clients.Resolve(client, "client"), maxInFlight);
            *multi = Handles.Multis.Add(created);
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_multi_add", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus Add(nint multi, NativeRequest* request, uint flags, ulong tag)
    {
        try
        {
            var target = Handles.Multis.Resolve(multi, "multi");
            if ((flags & ~OcrMultiFlags.Known) != 0)
            {
                return Failures.Record(OcrStatus.InvalidArgument, $"flags is 0x{flags:x}: pass 0 or OCR_MULTI_STREAM");
            }

            if (request is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "req is NULL");
            }

            // A request that cannot be read fails in its own slot, as its DONE, like one that fails once started.
            OcrRequest? copy = null;
            OcrException? unreadable = null;
            var ownCancel = CancellationToken.None;
            try
            {
                copy = MultiRequestCopy.Read(request, out ownCancel);
            }
            catch (Exception e)
            {
                unreadable = OcrFailures.Unforeseen(e);
            }

            target.Add(copy, unreadable, tag, (flags & OcrMultiFlags.Stream) != 0, ownCancel);
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_multi_wait_size", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus Wait(nint multi, int timeoutMs, NativeEvent* ev, nuint structSize)
    {
        try
        {
            var target = Handles.Multis.Resolve(multi, "multi");
            if (ev is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "event is NULL");
            }

            if (structSize < SmallestEvent || structSize > LargestStruct)
            {
                return Failures.Record(OcrStatus.InvalidArgument, $"struct_size is {structSize}: pass sizeof(ocr_event) (call ocr_multi_wait)");
            }

            if (timeoutMs < -1)
            {
                return Failures.Record(OcrStatus.InvalidArgument, $"timeout_ms is {timeoutMs}: pass -1 (no limit), 0 (only look) or a positive number");
            }

            return target.Wait(timeoutMs, ev, structSize);
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_multi_pending", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus Pending(nint multi, nuint* count)
    {
        try
        {
            if (count is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "out is NULL");
            }

            *count = 0;
            *count = (nuint)Handles.Multis.Resolve(multi, "multi").Pending;
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_multi_cancel", CallConvs = [typeof(CallConvCdecl)])]
    public static void Cancel(nint multi)
    {
        try
        {
            if (Handles.Multis.TryGet(multi, out var target))
            {
                target.CancelAll();
            }
        }
        catch (Exception e)
        {
            Failures.Record(e); // a racing free: nothing left to cancel
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_multi_free", CallConvs = [typeof(CallConvCdecl)])]
    public static void Free(nint multi)
    {
        try
        {
            // Out of the table first: a racing add or wait then finds no multi instead of one being torn down.
            if (Handles.Multis.TryRemove(multi, out var target))
            {
                target.Close();
            }
        }
        catch (Exception e)
        {
            Failures.Record(e);
        }
    }
}
