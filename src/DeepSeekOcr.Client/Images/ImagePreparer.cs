namespace DeepSeekOcr.Client.Images;

/// <summary>Checks an image from a file or buffer before any request is sent: present, readable, not too large, an image.</summary>
internal static class ImagePreparer
{
    public static ImagePayload Prepare(ImageSource source, long maxImageBytes) => source switch
    {
        FileImageSource file => PrepareFile(file.Path, maxImageBytes),
        MemoryImageSource memory => PrepareMemory(memory.Bytes, maxImageBytes),
        _ => throw new ArgumentException("only file and memory images have a payload", nameof(source)),
    };

    private static MemoryImagePayload PrepareMemory(ReadOnlyMemory<byte> bytes, long maxImageBytes)
    {
        CheckSize(bytes.Length, maxImageBytes, "image_data");
        var span = bytes.Span;
        var head = span[..Math.Min(span.Length, ImageSniffer.HeadLength)];
        var tail = span[Math.Max(0, span.Length - ImageSniffer.TailLength)..];
        return new MemoryImagePayload(ImageSniffer.Detect(head, tail, bytes.Length, "image_data"), bytes);
    }

    private static FileImagePayload PrepareFile(string path, long maxImageBytes)
    {
        string what = $"image file '{path}'";
        if (Directory.Exists(path))
        {
            throw new OcrException(OcrStatus.Io, $"{what} is a directory, not a file");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            long length = file.Length;
            if (length == 0)
            {
                throw new OcrException(OcrStatus.Io, $"{what} is empty");
            }

            CheckSize(length, maxImageBytes, what);
            Span<byte> head = stackalloc byte[ImageSniffer.HeadLength];
            head = head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
            Span<byte> tail = stackalloc byte[ImageSniffer.TailLength];
            file.Seek(Math.Max(0, length - tail.Length), SeekOrigin.Begin);
            tail = tail[..file.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false)];
            return new FileImagePayload(ImageSniffer.Detect(head, tail, length, what), path, length);
        }
        catch (FileNotFoundException e)
        {
            throw new OcrException(OcrStatus.Io, $"{what} does not exist", innerException: e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new OcrException(OcrStatus.Io, $"{what} does not exist (no such directory)", innerException: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OcrException(OcrStatus.Io, $"{what} cannot be read: permission denied", innerException: e);
        }
        catch (IOException e)
        {
            throw new OcrException(OcrStatus.Io, $"{what} cannot be read: {e.Message}", innerException: e);
        }
    }

    private static void CheckSize(long length, long maxImageBytes, string what)
    {
        if (length > maxImageBytes)
        {
            throw new OcrException(OcrStatus.TooLarge, $"{what} is {length} bytes, over the limit of {maxImageBytes} bytes (max_image_bytes)");
        }
    }
}
