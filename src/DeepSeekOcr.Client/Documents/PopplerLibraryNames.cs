namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// The file names of the four shared libraries PDF rendering loads: Poppler's GLib interface, cairo, and the GLib and
/// GObject libraries they are built on (for <c>g_bytes_new</c>, <c>g_error_free</c>, <c>g_object_unref</c>).
/// </summary>
internal sealed record PopplerLibraryNames(string Poppler, string Cairo, string GObject, string GLib)
{
    /// <summary>The names the packages install: Debian/Ubuntu libpoppler-glib8, Homebrew poppler, MSYS2 poppler.</summary>
    public static PopplerLibraryNames ForThisSystem { get; } =
        OperatingSystem.IsMacOS() ? new("libpoppler-glib.8.dylib", "libcairo.2.dylib", "libgobject-2.0.0.dylib", "libglib-2.0.0.dylib")
        : OperatingSystem.IsWindows() ? new("libpoppler-glib-8.dll", "libcairo-2.dll", "libgobject-2.0-0.dll", "libglib-2.0-0.dll")
        : new("libpoppler-glib.so.8", "libcairo.so.2", "libgobject-2.0.so.0", "libglib-2.0.so.0");
}
