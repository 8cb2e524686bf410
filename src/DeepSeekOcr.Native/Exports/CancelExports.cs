using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Exports;

/// <summary>The runtime's <c>ocr_cancel_token_new</c>, <c>_cancel</c> and <c>_free</c>, behind the C gate (Gate/exports.g.c).</summary>
internal static unsafe class CancelExports
{
    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_cancel_token_new", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus New(nint* token)
    {
        try
        {
            if (token is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "out is NULL");
            }

            *token = Handles.CancelTokens.Add(new CancellationTokenSource());
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_cancel_token_cancel", CallConvs = [typeof(CallConvCdecl)])]
    public static void Cancel(nint token)
    {
        try
        {
            if (Handles.CancelTokens.TryGet(token, out var source))
            {
                source.Cancel();
            }
        }
        catch (Exception e)
        {
            Failures.Record(e); // a racing free: nothing left to cancel
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_cancel_token_free", CallConvs = [typeof(CallConvCdecl)])]
    public static void Free(nint token)
    {
        try
        {
            if (Handles.CancelTokens.TryRemove(token, out var source))
            {
                source.Dispose();
            }
        }
        catch (Exception e)
        {
            Failures.Record(e);
        }
    }
}
