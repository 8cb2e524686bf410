using System.Runtime.InteropServices;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary><c>ocr_client_options</c> from deepseek_ocr.h, field for field; filled by <c>ocr_client_options_init</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeClientOptions
{
    public uint StructSize;
    public byte* BaseUrl;
    public byte* ApiKey;
    public byte* Model;
    public int TimeoutMs;
    public int ConnectTimeoutMs;
    public int IdleTimeoutMs;
    public int MaxRetries;
    public int AllowInsecureHttp;
    public long MaxImageBytes;
}
