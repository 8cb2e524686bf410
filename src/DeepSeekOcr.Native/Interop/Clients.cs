using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>The live <c>ocr_client</c> handles.</summary>
internal static class Clients
{
    public static readonly HandleTable<OcrClient> Table = new(firstHandle: 0x7D00_0000_0000);

    public static OcrClient Resolve(nint handle)
    {
        if (handle == 0)
        {
            throw new OcrException(OcrStatus.InvalidArgument, "client is NULL");
        }

        return Table.TryGet(handle, out var client)
            ? client
            : throw new OcrException(OcrStatus.InvalidArgument, "client is not a live ocr_client (freed, or never created by ocr_client_new)");
    }
}
