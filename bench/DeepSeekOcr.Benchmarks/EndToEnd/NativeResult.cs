using System.Runtime.InteropServices;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary><c>ocr_result</c> from deepseek_ocr.h, field for field; owned by the library, freed with <c>ocr_result_free</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeResult
{
    public byte* Text;
    public nuint TextLength;
    public byte* FinishReason;
    public byte* Id;
    public byte* Model;
    public long Created;
    public long PromptTokens;
    public long CompletionTokens;
    public long TotalTokens;
    public int HttpStatus;
}
