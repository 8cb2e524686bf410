using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>The live <c>ocr_cancel_token</c> handles.</summary>
internal static class CancelTokens
{
    public static readonly HandleTable<CancellationTokenSource> Table = new(firstHandle: 0x7C00_0000_0000);

    public static CancellationToken Resolve(nint handle)
    {
        if (handle == 0)
        {
            return CancellationToken.None;
        }

        if (!Table.TryGet(handle, out var source))
        {
            throw new OcrException(OcrStatus.InvalidArgument, "req->cancel is not a live ocr_cancel_token (freed, or never created by ocr_cancel_token_new)");
        }

        return source.Token;
    }
}
