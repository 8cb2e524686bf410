using System.Runtime.InteropServices;

namespace DeepSeekOcr.Server.Hosting;

/// <summary>
/// Sets variables in the process's C environment. Environment.SetEnvironmentVariable does not reach it on Unix,
/// and native libraries (libgomp, loaded by libtesseract) read only the C environment.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> unless the user already set it, before any native library reads it.</summary>
    public static void SetDefault(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is null)
        {
            _ = SetEnv(name, value, overwrite: 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
