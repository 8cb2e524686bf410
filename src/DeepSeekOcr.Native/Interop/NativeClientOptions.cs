using System.Runtime.InteropServices;

namespace DeepSeekOcr.Native.Interop;

/// <summary><c>ocr_client_options</c>, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeClientOptions
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
