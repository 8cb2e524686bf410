using System.Buffers;
using System.Runtime.InteropServices;

namespace DeepSeekOcr.Client.Images;

/// <summary>
/// A buffer from <see cref="ArrayPool{T}.Shared"/> whose usable part starts on a cache line, pinned until disposed so
/// that it stays there. Pooled arrays start on any 8-byte boundary, and the kernel's copy out of the page cache
/// runs up to 5x slower into a destination 8 or 16 bytes off a cache line (measured on AMD Zen 4, bench/README.md
/// section 2). Arrays of 85,000 bytes or more live in the large object heap, which the GC does not compact, so the
/// pin costs the GC nothing there.
/// </summary>
internal readonly struct AlignedPooledBuffer : IDisposable
{
    public const int Alignment = 64;

    private readonly byte[] _array;
    private readonly GCHandle _pin;

    public AlignedPooledBuffer(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length + Alignment - 1);
        _pin = GCHandle.Alloc(_array, GCHandleType.Pinned);
        int offset = (int)((Alignment - (_pin.AddrOfPinnedObject() % Alignment)) % Alignment);
        Memory = _array.AsMemory(offset, length);
    }

    public Memory<byte> Memory { get; }

    public void Dispose()
    {
        _pin.Free();
        ArrayPool<byte>.Shared.Return(_array);
    }
}
