namespace DeepSeekOcr.Client.Images;

/// <summary>Checks an image from a file or buffer before any request is sent: present, readable, not too large, an image.</summary>
internal static class ImagePreparer
{
    /// <param name="limitName">What the caller calls the size limit, for messages.</param>
    public static ImagePayload Prepare(ImageSource source, long maxImageBytes, string limitName) => source switch
    {
        FileImageSource file => PrepareFile(file.Path, maxImageBytes, limitName),
        MemoryImageSource memory => PrepareMemory(memory, maxImageBytes, limitName),
        _ => throw new ArgumentException("only file and memory images have a payload", nameof(source)),
    };

    private static MemoryImagePayload PrepareMemory(MemoryImageSource memory, long maxImageBytes, string limitName)
    {
        var bytes = memory.Bytes;
        CheckSize(bytes.Length, maxImageBytes, memory.Name, limitName);
        var span = bytes.Span;
        var head = span[..Math.Min(span.Length, ImageSniffer.HeadLength)];
        var tail = span[Math.Max(0, span.Length - ImageSniffer.TailLength)..];
        return new MemoryImagePayload(ImageSniffer.Detect(head, tail, bytes.Length, memory.Name), bytes) { Size = ImageHeader.FromBytes(bytes) };
    }

    private static FileImagePayload PrepareFile(string path, long maxImageBytes, string limitName)
    {
        string what = $"image file '{path}'";
        try
        {
            // A handle and positioned reads, not a FileStream: each system call here is about a microsecond, a tenth
            // of what building the whole body costs besides the image itself.
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(file);
            if (length == 0)
            {
                throw new OcrException(OcrStatus.Io, $"{what} is empty");
            }

            CheckSize(length, maxImageBytes, what, limitName);
            Span<byte> head = stackalloc byte[ImageSniffer.HeadLength];
            head = head[..PositionedRead.Fill(file, head, 0)];
            Span<byte> tail = stackalloc byte[ImageSniffer.TailLength];
            tail = tail[..PositionedRead.Fill(file, tail, Math.Max(0, length - tail.Length))];
            var format = ImageSniffer.Detect(head, tail, length, what);
            // Measured here, with the handle already open: each open of the file costs a few system calls.
            var size = ImageHeader.Read((offset, destination) => RandomAccess.Read(file, destination, offset));
            return new FileImagePayload(format, path, length) { Size = size };
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
            // Opening a directory fails the same way as a file without read permission; only a failure pays for
            // telling the two apart.
            throw Directory.Exists(path)
                ? new OcrException(OcrStatus.Io, $"{what} is a directory, not a file", innerException: e)
                : new OcrException(OcrStatus.Io, $"{what} cannot be read: permission denied", innerException: e);
        }
        catch (IOException e)
        {
            throw new OcrException(OcrStatus.Io, $"{what} cannot be read: {e.Message}", innerException: e);
        }
    }

    private static void CheckSize(long length, long maxImageBytes, string what, string limitName)
    {
        if (length > maxImageBytes)
        {
            throw new OcrException(OcrStatus.TooLarge, $"{what} is {length} bytes, over the limit of {maxImageBytes} bytes ({limitName})");
        }
    }
}
