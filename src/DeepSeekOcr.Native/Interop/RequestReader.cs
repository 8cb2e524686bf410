using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Reads an <c>ocr_request</c> into an <see cref="OcrRequest"/> and the cancellation it names. The gate has already
/// applied the struct-size rule: the struct is whole, of this library's size.
/// </summary>
internal static unsafe class RequestReader
{
    /// <summary>The most images one request may add to its own: far more than any service reads in one answer.</summary>
    private const int MaxMoreImages = 1000;

    public static OcrRequest Read(NativeRequest* request, out CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw Invalid("req is NULL");
        }

        cancellationToken = request->Cancel == 0 ? CancellationToken.None : Handles.CancelTokens.Resolve(request->Cancel, "req->cancel").Token;
        return new OcrRequest
        {
            Image = ReadImage(request),
            MoreImages = ReadMoreImages(request),
            Mode = (OcrMode)request->Mode,
            LocateText = Utf8Strings.Read(request->LocateText, "locate_text"),
            ImageSize = ReadImageSize(request),
            Prompt = Utf8Strings.Read(request->Prompt, "prompt"),
            MaxTokens = request->MaxTokens == 0 ? null : request->MaxTokens,
            Temperature = double.IsNaN(request->Temperature) ? null : request->Temperature,
            TopP = double.IsNaN(request->TopP) ? null : request->TopP,
            ResponseFormatJson = Utf8Strings.Read(request->ResponseFormatJson, "response_format_json"),
            ToolsJson = Utf8Strings.Read(request->ToolsJson, "tools_json"),
            ExtraBodyJson = Utf8Strings.Read(request->ExtraBodyJson, "extra_body_json"),
        };
    }

    private static ImageSource ReadImage(NativeRequest* request) => ReadImage(
        request->ImagePath, request->ImageData, request->ImageSize, request->ImageUrl, "", "the request has no image: set one of image_path, image_data or image_url");

    private static List<ImageSource> ReadMoreImages(NativeRequest* request)
    {
        if (request->MoreImages is null)
        {
            return request->MoreImageCount == 0 ? [] : throw Invalid($"more_images is NULL but more_image_count is {request->MoreImageCount}");
        }

        if (request->MoreImageCount == 0 || request->MoreImageCount > MaxMoreImages)
        {
            throw Invalid($"more_image_count must be 1 to {MaxMoreImages} when more_images is set, not {request->MoreImageCount}");
        }

        var images = new List<ImageSource>((int)request->MoreImageCount);
        for (int index = 0; index < (int)request->MoreImageCount; index++)
        {
            var source = &request->MoreImages[index];
            images.Add(ReadImage(source->Path, source->Data, source->Size, source->Url, $"more_images[{index}].", $"more_images[{index}] has no image: set one of path, data or url"));
        }

        return images;
    }

    /// <summary>One image source with exactly one of its fields set; <paramref name="prefix"/> names the fields in messages.</summary>
    private static ImageSource ReadImage(byte* path, byte* data, nuint size, byte* url, string prefix, string none)
    {
        // The request's own fields are image_path, image_data, image_size and image_url; an ocr_image_source's are
        // path, data, size and url.
        string Name(string field) => prefix.Length == 0 ? "image_" + field : prefix + field;
        bool hasData = data is not null || size != 0;
        int sources = (path is not null ? 1 : 0) + (hasData ? 1 : 0) + (url is not null ? 1 : 0);
        if (sources == 0)
        {
            throw Invalid(none);
        }

        if (sources > 1)
        {
            string subject = prefix.Length == 0 ? "the request" : prefix.TrimEnd('.');
            throw Invalid($"{subject} sets more than one of {Name("path")}, {Name("data")} and {Name("url")}: set exactly one");
        }

        if (path is not null)
        {
            return ImageSource.FromFile(Utf8Strings.Read(path, Name("path"))!, Name("path"));
        }

        if (url is not null)
        {
            return ImageSource.FromUrl(Utf8Strings.Read(url, Name("url"))!, Name("url"));
        }

        if (data is null)
        {
            throw Invalid($"{Name("data")} is NULL but {Name("size")} is {size}");
        }

        if (size == 0)
        {
            throw Invalid($"{Name("data")} is empty ({Name("size")} is 0)");
        }

        if (size > int.MaxValue)
        {
            throw new OcrException(OcrStatus.TooLarge, $"{Name("data")} is {size} bytes, over the limit of {int.MaxValue}");
        }

        return ImageSource.FromBytes(new UnmanagedMemory(data, (int)size).Memory, Name("data"));
    }

    private static ImageSize? ReadImageSize(NativeRequest* request)
    {
        if (request->ImageWidth == 0 && request->ImageHeight == 0)
        {
            return null;
        }

        if (request->ImageWidth <= 0 || request->ImageHeight <= 0)
        {
            throw Invalid($"image_width and image_height must both be positive (both 0: unknown), not {request->ImageWidth} and {request->ImageHeight}");
        }

        if (request->ImageUrl is null)
        {
            throw Invalid("image_width and image_height are for image_url only: a file or buffer is measured from its header");
        }

        return new ImageSize(request->ImageWidth, request->ImageHeight);
    }

    private static OcrException Invalid(string message) => new(OcrStatus.InvalidArgument, message);
}
