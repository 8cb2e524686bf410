using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Reads an <c>ocr_request</c> into an <see cref="OcrRequest"/> and the cancellation it names. The gate has already
/// applied the struct-size rule: the struct is whole, of this library's size.
/// </summary>
internal static unsafe class RequestReader
{
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

    private static ImageSource ReadImage(NativeRequest* request)
    {
        bool hasData = request->ImageData is not null || request->ImageSize != 0;
        int sources = (request->ImagePath is not null ? 1 : 0) + (hasData ? 1 : 0) + (request->ImageUrl is not null ? 1 : 0);
        if (sources == 0)
        {
            throw Invalid("the request has no image: set one of image_path, image_data or image_url");
        }

        if (sources > 1)
        {
            throw Invalid("the request sets more than one of image_path, image_data and image_url: set exactly one");
        }

        if (request->ImagePath is not null)
        {
            return ImageSource.FromFile(Utf8Strings.Read(request->ImagePath, "image_path")!);
        }

        if (request->ImageUrl is not null)
        {
            return ImageSource.FromUrl(Utf8Strings.Read(request->ImageUrl, "image_url")!);
        }

        if (request->ImageData is null)
        {
            throw Invalid($"image_data is NULL but image_size is {request->ImageSize}");
        }

        if (request->ImageSize > int.MaxValue)
        {
            throw new OcrException(OcrStatus.TooLarge, $"image_data is {request->ImageSize} bytes, over the limit of {int.MaxValue}");
        }

        return ImageSource.FromBytes(new UnmanagedMemory(request->ImageData, (int)request->ImageSize).Memory);
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
