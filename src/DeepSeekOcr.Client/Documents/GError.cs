using System.Runtime.InteropServices;

namespace DeepSeekOcr.Client.Documents;

/// <summary>GLib's <c>GError</c>, as Poppler fills it: the domain, the code, and the message, owned by the error.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GError
{
    public uint Domain;
    public int Code;
    public byte* Message;
}
