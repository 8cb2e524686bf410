using System.Collections.Concurrent;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Maps the opaque pointers handed to C callers onto managed objects. A handle is a number, never an address that is
/// dereferenced, so a stale, freed or garbage pointer is caught and reported instead of crashing the host.
/// </summary>
internal sealed class HandleTable<T>
    where T : class
{
    private readonly ConcurrentDictionary<nint, T> _live = new();
    private long _next;

    public HandleTable(long firstHandle) => _next = firstHandle;

    public nint Add(T value)
    {
        // Steps of 16 keep handles looking like aligned pointers to debuggers and sanitizers.
        nint handle = (nint)Interlocked.Add(ref _next, 16);
        _live[handle] = value;
        return handle;
    }

    public bool TryGet(nint handle, out T value) => _live.TryGetValue(handle, out value!);

    public bool TryRemove(nint handle, out T value) => _live.TryRemove(handle, out value!);
}
