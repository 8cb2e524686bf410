using System.Buffers;

namespace DeepSeekOcr.Native.Interop;

/// <summary>The caller's image buffer as <see cref="Memory{T}"/>, without a copy; valid while the call runs.</summary>
internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
