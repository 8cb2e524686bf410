using System.Runtime.InteropServices;

namespace DeepSeekOcr.Native.Interop;

/// <summary><c>ocr_usage</c>, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeUsage
{
    public long PromptTokens;
    public long CompletionTokens;
    public long TotalTokens;
}
