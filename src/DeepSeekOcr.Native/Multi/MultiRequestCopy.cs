using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Multi;

/// <summary>
/// An <c>ocr_request</c> read whole at <c>ocr_multi_add</c>, so that the caller's struct, strings and buffer need not
/// outlive the call: strings become managed strings (as <see cref="RequestReader"/> reads them) and image_data is
/// copied. An image_path stays a path: the file is read when the item starts, as <c>ocr_image</c> reads it.
/// </summary>
internal static unsafe class MultiRequestCopy
{
    /// <summary>The request and its cancel token; a bad request throws the <see cref="OcrException"/> of its DONE.</summary>
    public static OcrRequest Read(NativeRequest* request, out CancellationToken cancellationToken)
    {
        var read = RequestReader.Read(request, out cancellationToken);
        if (request->ImageData is null)
        {
            return read;
        }

        // RequestReader has checked the size against int.MaxValue; the client's own limit is checked when it starts.
        byte[] copy = new ReadOnlySpan<byte>(request->ImageData, (int)request->ImageSize).ToArray();
        return read with { Image = ImageSource.FromBytes(copy, ((MemoryImageSource)read.Image).Name) };
    }
}
