using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Exports;

/// <summary>The runtime's <c>ocr_client_new</c> and <c>ocr_client_free</c>, behind the C gate (Gate/exports.g.c).</summary>
internal static unsafe class ClientExports
{
    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_client_new", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus New(NativeClientOptions* options, nint* client)
    {
        try
        {
            if (client is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "out is NULL");
            }

            *client = 0;
            *client = Handles.Clients.Add(new OcrClient(OptionsReader.Read(options)));
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_client_free", CallConvs = [typeof(CallConvCdecl)])]
    public static void Free(nint client)
    {
        try
        {
            if (Handles.Clients.TryRemove(client, out var removed))
            {
                removed.Dispose();
            }
        }
        catch (Exception e)
        {
            Failures.Record(e);
        }
    }
}
