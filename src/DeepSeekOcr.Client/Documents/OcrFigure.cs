namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// A figure cropped from a page: the pixels of the first box of an <c>image</c> region, as a PNG file.
/// </summary>
/// <param name="Region">The index of the region in the page's <see cref="OcrResult.Regions"/>.</param>
/// <param name="FileName">NAME_PAGE_N.png (N counting the page's image regions from 0), linked from the page's markdown as images/NAME_PAGE_N.png.</param>
/// <param name="Png">The PNG file's bytes.</param>
public sealed record OcrFigure(int Region, string FileName, ReadOnlyMemory<byte> Png);
