namespace DeepSeekOcr.Client.Images;

/// <summary>Image bytes the caller holds; they must stay valid until the call returns.</summary>
public sealed class MemoryImageSource : ImageSource
{
    internal MemoryImageSource(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new OcrException(OcrStatus.InvalidArgument, "image_data is empty (image_size is 0)");
        }

        Bytes = bytes;
    }

    public ReadOnlyMemory<byte> Bytes { get; }
}
