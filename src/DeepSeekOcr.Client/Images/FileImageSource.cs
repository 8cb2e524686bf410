namespace DeepSeekOcr.Client.Images;

/// <summary>An image file, read when the request body is written (again on a retry), never whole into memory.</summary>
public sealed class FileImageSource : ImageSource
{
    internal FileImageSource(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new OcrException(OcrStatus.InvalidArgument, "image_path is empty");
        }

        Path = path;
    }

    public string Path { get; }
}
