namespace DeepSeekOcr.Client.Images;

/// <summary>Image bytes the caller holds; they must stay valid until the call returns.</summary>
public sealed class MemoryImageSource : ImageSource
{
    internal MemoryImageSource(ReadOnlyMemory<byte> bytes, string name)
    {
        if (bytes.IsEmpty)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{name} is empty");
        }

        Bytes = bytes;
        Name = name;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>What the caller calls these bytes, for messages: "the image buffer", or C's "image_data".</summary>
    internal string Name { get; }
}
