namespace DeepSeekOcr.Native.Interop;

/// <summary>The caller's <c>ocr_progress_callback</c> and its user data; calling it is a no-op going on when there is none.</summary>
internal readonly unsafe struct DocumentProgress(delegate* unmanaged[Cdecl]<nuint, nuint, void*, int> callback, void* userData)
{
    /// <summary>Tells the caller <paramref name="done"/> of <paramref name="total"/> pages have ended; true: the caller asks to stop.</summary>
    public bool Report(int done, int total) => callback is not null && callback((nuint)done, (nuint)total, userData) != 0;
}
