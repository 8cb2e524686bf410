using System.Buffers;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>A growable byte buffer whose storage comes from and returns to <see cref="ArrayPool{T}"/>.</summary>
internal struct PooledBytes
{
    private byte[] _array;
    private int _length;

    public PooledBytes(int initialCapacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    public readonly ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    /// <summary>Room for <paramref name="count"/> more bytes after the current ones.</summary>
    public Span<byte> GetSpan(int count)
    {
        EnsureCapacity(_length + count);
        return _array.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Replaces the contents, reusing the storage.</summary>
    public void Set(ReadOnlySpan<byte> bytes)
    {
        _length = 0;
        Append(bytes);
    }

    public void Clear() => _length = 0;

    public void Dispose()
    {
        if (_array is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = [];
        _length = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _array.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}
