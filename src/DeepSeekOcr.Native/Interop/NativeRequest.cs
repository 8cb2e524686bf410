using System.Runtime.InteropServices;

namespace DeepSeekOcr.Native.Interop;

/// <summary><c>ocr_request</c>, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeRequest
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
    public nint Cancel;
}
