using System.Collections.Concurrent;
using DeepSeekOcr.Client;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Maps the opaque pointers handed to C callers onto managed objects. A handle is a number, never an address that is
/// dereferenced, so a stale, freed or garbage pointer is caught and reported instead of crashing the host.
/// </summary>
internal sealed class HandleTable<T>(string typeName, long firstHandle)
    where T : class
{
    private readonly ConcurrentDictionary<nint, T> _live = new();
    private long _next = firstHandle;

    public nint Add(T value)
    {
        // Steps of 16 keep handles looking like aligned pointers to debuggers and sanitizers.
        nint handle = (nint)Interlocked.Add(ref _next, 16);
        _live[handle] = value;
        return handle;
    }

    /// <summary>The object behind a handle, or an <see cref="OcrStatus.InvalidArgument"/> failure naming the argument.</summary>
    public T Resolve(nint handle, string argument)
    {
        if (handle == 0)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{argument} is NULL");
        }

        return _live.TryGetValue(handle, out var value)
            ? value
            : throw new OcrException(OcrStatus.InvalidArgument, $"{argument} is not a live {typeName} (freed, or never created by {typeName}_new)");
    }

    public bool TryGet(nint handle, out T value) => _live.TryGetValue(handle, out value!);

    public bool TryRemove(nint handle, out T value) => _live.TryRemove(handle, out value!);
}
