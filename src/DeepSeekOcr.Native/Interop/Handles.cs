using DeepSeekOcr.Client;
using DeepSeekOcr.Native.Multi;

namespace DeepSeekOcr.Native.Interop;

/// <summary>The live handles of each opaque type of the ABI.</summary>
internal static class Handles
{
    public static readonly HandleTable<OcrClient> Clients = new("ocr_client", firstHandle: 0x7D00_0000_0000);

    public static readonly HandleTable<CancellationTokenSource> CancelTokens = new("ocr_cancel_token", firstHandle: 0x7C00_0000_0000);

    public static readonly HandleTable<OcrMulti> Multis = new("ocr_multi", firstHandle: 0x7B00_0000_0000);
}
