using System.Runtime.InteropServices;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary><c>ocr_request</c> from deepseek_ocr.h, field for field; filled by <c>ocr_request_init</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeRequest
{
    public uint StructSize;
    public byte* ImagePath;
    public byte* ImageData;
    public nuint ImageSize;
    public byte* ImageUrl;
    public byte* Prompt;
    public int MaxTokens;
    public double Temperature;
    public double TopP;
    public byte* ResponseFormatJson;
    public byte* ToolsJson;
    public byte* ExtraBodyJson;
    public void* Cancel;
}
