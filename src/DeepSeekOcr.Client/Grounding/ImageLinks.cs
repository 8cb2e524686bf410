using System.Globalization;

namespace DeepSeekOcr.Client.Grounding;

/// <summary>
/// How the clean Markdown links the <c>image</c> regions: <c>DIRECTORY/STEM{N}EXTENSION</c>, N counting the image
/// regions from 0. One image: <c>images/N.jpg</c>, as run_dpsk_ocr_image.py names its crops; a page of a document:
/// <c>images/NAME_PAGE_N.png</c>, the figures the document pipeline crops.
/// </summary>
public sealed record ImageLinks(string Directory, string Stem, string Extension)
{
    public static ImageLinks Default { get; } = new("images/", "", ".jpg");

    /// <summary>The links of page <paramref name="page"/> (1-based) of the document named <paramref name="name"/>.</summary>
    public static ImageLinks ForPage(string name, int page) =>
        new("images/", string.Create(CultureInfo.InvariantCulture, $"{name}_{page}_"), ".png");

    public string FileName(int index) => string.Create(CultureInfo.InvariantCulture, $"{Stem}{index}{Extension}");

    public string Link(int index) => Directory + FileName(index);
}
