using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Documents;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Reads <c>ocr_document_options</c> into an <see cref="OcrDocumentRequest"/>, where 0 picks a default, and hands
/// back the progress callback. The gate has already applied the struct-size rule: the struct is whole, of this
/// library's size. The PDF's bytes are not copied: they are read while the call runs, which blocks until it ends.
/// </summary>
internal static unsafe class DocumentOptionsReader
{
    public static OcrDocumentRequest Read(NativeDocumentOptions* options, out DocumentProgress progress)
    {
        if (options is null)
        {
            throw Invalid("doc is NULL");
        }

        progress = new DocumentProgress(
            (delegate* unmanaged[Cdecl]<nuint, nuint, void*, int>)options->Progress,
            options->ProgressUserData);
        return new OcrDocumentRequest
        {
            PdfPath = Utf8Strings.Read(options->PdfPath, "pdf_path"),
            PdfBytes = ReadBytes(options),
            Dpi = options->Dpi == 0 ? OcrDocumentRequest.DefaultDpi : options->Dpi,
            Pages = ReadPages(options),
            Concurrency = options->Concurrency == 0 ? OcrDocumentRequest.DefaultConcurrency : options->Concurrency,
            CropFigures = options->CropFigures != 0,
            Name = Utf8Strings.Read(options->Name, "name"),
        };
    }

    /// <summary>
    /// Reads the request every page is sent with (NULL: the defaults) and the cancellation it names. It must set no
    /// image: <see cref="RequestReader"/> reads every other field, given a stand-in image that is dropped at once, so
    /// a page is sent with exactly what <c>ocr_image</c> would send.
    /// </summary>
    public static OcrRequest? ReadTemplate(NativeRequest* request, out CancellationToken cancellationToken)
    {
        cancellationToken = CancellationToken.None;
        if (request is null)
        {
            return null;
        }

        if (request->ImagePath is not null || request->ImageData is not null || request->ImageSize != 0 || request->ImageUrl is not null
            || request->ImageWidth != 0 || request->ImageHeight != 0 || request->MoreImages is not null || request->MoreImageCount != 0)
        {
            throw Invalid("req sets an image, but the pages of the document are the images: leave image_path, image_data, image_url, "
                + "image_width, image_height and more_images unset");
        }

        NativeRequest withStandIn = *request;
        withStandIn.ImageUrl = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference("data:,\0"u8));
        return RequestReader.Read(&withStandIn, out cancellationToken) with { Image = null! };
    }

    private static ReadOnlyMemory<byte>? ReadBytes(NativeDocumentOptions* options)
    {
        if (options->PdfData is null)
        {
            return options->PdfSize == 0 ? null : throw Invalid($"pdf_data is NULL but pdf_size is {options->PdfSize}");
        }

        if (options->PdfSize == 0)
        {
            throw Invalid("pdf_data is empty (pdf_size is 0)");
        }

        return options->PdfSize > int.MaxValue
            ? throw new OcrException(OcrStatus.TooLarge, $"pdf_data is {options->PdfSize} bytes, over the limit of {int.MaxValue}")
            : new UnmanagedMemory(options->PdfData, (int)options->PdfSize).Memory;
    }

    private static int[]? ReadPages(NativeDocumentOptions* options)
    {
        if (options->Pages is null)
        {
            return options->PageCount == 0 ? null : throw Invalid($"pages is NULL but page_count is {options->PageCount}");
        }

        if (options->PageCount > int.MaxValue)
        {
            throw Invalid($"page_count is {options->PageCount}: too many pages");
        }

        return new ReadOnlySpan<int>(options->Pages, (int)options->PageCount).ToArray();
    }

    private static OcrException Invalid(string message) => new(OcrStatus.InvalidArgument, message);
}
