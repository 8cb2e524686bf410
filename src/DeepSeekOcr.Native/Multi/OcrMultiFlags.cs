namespace DeepSeekOcr.Native.Multi;

/// <summary>The <c>flags</c> of <c>ocr_multi_add</c>.</summary>
internal static class OcrMultiFlags
{
    /// <summary><c>OCR_MULTI_STREAM</c>: deliver the text as OCR_EVENT_DELTA events before the DONE.</summary>
    public const uint Stream = 1;

    public const uint Known = Stream;
}
