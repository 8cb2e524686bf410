using System.Runtime.InteropServices;
using System.Text;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Benchmarks.EndToEnd;

/// <summary>
/// libdeepseek_ocr.so as a C program sees it: loaded with <see cref="NativeLibrary"/> and called through the
/// exported C functions, so the benchmark runs the shipped Native AOT code, not the managed core under the JIT.
/// </summary>
internal sealed unsafe class NativeOcrLibrary
{
    public const string PathVariable = "DEEPSEEK_OCR_LIBRARY";

    private NativeOcrLibrary(nint handle)
    {
        ClientOptionsInit = (delegate* unmanaged<NativeClientOptions*, nuint, void>)NativeLibrary.GetExport(handle, "ocr_client_options_init_size");
        RequestInit = (delegate* unmanaged<NativeRequest*, nuint, void>)NativeLibrary.GetExport(handle, "ocr_request_init_size");
        ClientNew = (delegate* unmanaged<NativeClientOptions*, nint*, int>)NativeLibrary.GetExport(handle, "ocr_client_new");
        ClientFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(handle, "ocr_client_free");
        Image = (delegate* unmanaged<nint, NativeRequest*, NativeResult**, int>)NativeLibrary.GetExport(handle, "ocr_image");
        Stream = (delegate* unmanaged<nint, NativeRequest*, delegate* unmanaged<byte*, nuint, void*, int>, void*, NativeResult**, int>)NativeLibrary.GetExport(handle, "ocr_stream");
        ResultFree = (delegate* unmanaged<NativeResult*, void>)NativeLibrary.GetExport(handle, "ocr_result_free");
        LastError = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(handle, "ocr_last_error");
    }

    public delegate* unmanaged<NativeClientOptions*, nuint, void> ClientOptionsInit { get; }

    public delegate* unmanaged<NativeRequest*, nuint, void> RequestInit { get; }

    public delegate* unmanaged<NativeClientOptions*, nint*, int> ClientNew { get; }

    public delegate* unmanaged<nint, void> ClientFree { get; }

    public delegate* unmanaged<nint, NativeRequest*, NativeResult**, int> Image { get; }

    public delegate* unmanaged<nint, NativeRequest*, delegate* unmanaged<byte*, nuint, void*, int>, void*, NativeResult**, int> Stream { get; }

    public delegate* unmanaged<NativeResult*, void> ResultFree { get; }

    public delegate* unmanaged<byte*> LastError { get; }

    /// <summary>Loads <c>$DEEPSEEK_OCR_LIBRARY</c>, else artifacts/native/lib/libdeepseek_ocr.so of the repository the benchmark runs in.</summary>
    public static NativeOcrLibrary Load()
    {
        string path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : FindInRepository();
        return new NativeOcrLibrary(NativeLibrary.Load(path));
    }

    /// <summary>Throws with the library's own message unless <paramref name="status"/> is OCR_OK.</summary>
    public void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{call} failed with status {status}: {Marshal.PtrToStringUTF8((nint)LastError())}");
        }
    }

    private static string FindInRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "artifacts", "native", "lib", "libdeepseek_ocr.so");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"libdeepseek_ocr.so not found above {AppContext.BaseDirectory}: run ./build.sh first, or set {PathVariable}");
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/> in unmanaged memory; free with <see cref="NativeMemory.Free"/>.</summary>
    public static byte* Utf8(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        byte* text = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(text, length));
        text[length] = 0;
        return text;
    }
}
