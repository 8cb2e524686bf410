namespace DeepSeekOcr.Client.Images;

/// <summary>An image file, read when the request body is written (again on a retry), never whole into memory.</summary>
public sealed class FileImageSource : ImageSource
{
    internal FileImageSource(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{name} is empty");
        }

        Path = path;
    }

    public string Path { get; }
}
