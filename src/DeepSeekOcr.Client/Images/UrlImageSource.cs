namespace DeepSeekOcr.Client.Images;

/// <summary>An http(s) or <c>data:</c> URL that the server fetches or decodes itself.</summary>
public sealed class UrlImageSource : ImageSource
{
    internal UrlImageSource(string url, string name)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{name} must start with http://, https:// or data:");
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !url.Contains(',', StringComparison.Ordinal))
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{name} is a data: URL without a ',' before its data");
        }

        Url = url;
    }

    public string Url { get; }
}
