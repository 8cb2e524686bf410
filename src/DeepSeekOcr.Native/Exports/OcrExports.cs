using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Exports;

/// <summary>
/// The runtime's <c>ocr_image</c>, <c>ocr_stream</c> and <c>ocr_result_free</c>, behind the C gate (Gate/exports.g.c).
/// The calls block the caller's thread; the stream callback runs on that thread too.
/// </summary>
internal static unsafe class OcrExports
{
    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_image", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus Image(nint client, NativeRequest* request, NativeResult** result)
    {
        try
        {
            if (result is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "out is NULL");
            }

            *result = null;
            var ocrClient = Handles.Clients.Resolve(client, "client");
            var ocrRequest = RequestReader.Read(request, out var cancellationToken);
            var answer = ocrClient.RecognizeAsync(ocrRequest, cancellationToken).GetAwaiter().GetResult();
            *result = ResultAllocator.Allocate(answer);
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_stream", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus Stream(
        nint client,
        NativeRequest* request,
        delegate* unmanaged[Cdecl]<byte*, nuint, void*, int> callback,
        void* userData,
        NativeResult** result)
    {
        try
        {
            if (result is not null)
            {
                *result = null;
            }

            if (callback is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "cb is NULL");
            }

            var ocrClient = Handles.Clients.Resolve(client, "client");
            var ocrRequest = RequestReader.Read(request, out var cancellationToken);
            using var stream = ocrClient.StreamAsync(ocrRequest, cancellationToken).GetAwaiter().GetResult();
            while (stream.MoveNext()) // reads on this thread: the call blocks it anyway
            {
                fixed (byte* delta = stream.CurrentWithNul)
                {
                    if (callback(delta, (nuint)stream.Current.Length, userData) != 0)
                    {
                        return Failures.Record(OcrStatus.Cancelled, "the stream callback returned nonzero: stopped");
                    }
                }
            }

            if (result is not null)
            {
                *result = ResultAllocator.Allocate(stream.Result);
            }

            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_result_free", CallConvs = [typeof(CallConvCdecl)])]
    public static void ResultFree(NativeResult* result)
    {
        if (result is not null)
        {
            ResultAllocator.Free(result);
        }
    }
}
