using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Documents;

namespace DeepSeekOcr.Native.Interop;

/// <summary>
/// Lays out an <c>ocr_document_result</c> in one native block: the document, its pages, every figure, then the
/// strings and the figures' PNG bytes. Each recognised page's <c>ocr_result</c> is its own block from
/// <see cref="ResultAllocator"/>, the same as <c>ocr_image</c> returns, freed with the document. Live blocks are tracked
/// so that freeing a pointer twice, or one the library never gave out, does nothing.
/// </summary>
internal static unsafe class DocumentAllocator
{
    private static readonly ConcurrentDictionary<nint, byte> Live = new();

    public static NativeDocumentResult* Allocate(OcrDocument document)
    {
        var pages = document.Pages;
        var results = new nint[pages.Count];
        try
        {
            for (int i = 0; i < pages.Count; i++)
            {
                results[i] = pages[i].Result is { } result ? (nint)ResultAllocator.Allocate(result) : 0;
            }

            return Lay(document, results);
        }
        catch
        {
            foreach (nint result in results)
            {
                ResultAllocator.Free((NativeResult*)result);
            }

            throw;
        }
    }

    public static void Free(NativeDocumentResult* document)
    {
        if (!Live.TryRemove((nint)document, out _))
        {
            return;
        }

        for (nuint i = 0; i < document->PageCount; i++)
        {
            if (document->Pages[i].Result is not null)
            {
                ResultAllocator.Free(document->Pages[i].Result);
            }
        }

        NativeMemory.Free(document);
    }

    private static NativeDocumentResult* Lay(OcrDocument document, nint[] results)
    {
        var pages = document.Pages;
        byte[] split = Encoding.UTF8.GetBytes(OcrDocument.PageSplit);
        string markdown = document.Markdown;
        long rawLength = pages.Sum(p => (long)(p.Result?.TextUtf8.Length ?? 0)) + (long)split.Length * Math.Max(pages.Count - 1, 0);
        int figureCount = pages.Sum(p => p.Figures.Count);
        long structs = sizeof(NativeDocumentResult) + (long)pages.Count * sizeof(NativePage) + (long)figureCount * sizeof(NativeFigure);
        long size = structs + NativeStrings.Utf8Size(markdown) + rawLength + 1
            + pages.Sum(p => NativeStrings.Utf8Size(p.Error?.Message ?? "") + p.Figures.Sum(f => (long)NativeStrings.Utf8Size(f.FileName) + f.Png.Length));
        byte* block = (byte*)NativeMemory.Alloc((nuint)size);
        var native = (NativeDocumentResult*)block;
        var nativePages = (NativePage*)(block + sizeof(NativeDocumentResult));
        var nativeFigures = (NativeFigure*)(nativePages + pages.Count);
        byte* next = block + structs;

        native->Markdown = NativeStrings.Put(markdown, ref next);
        native->RawText = next;
        for (int i = 0; i < pages.Count; i++)
        {
            if (i > 0)
            {
                next = Copy(split, next);
            }

            next = Copy(pages[i].Result is { } result ? result.TextUtf8.Span : default, next);
        }

        *next++ = 0;
        native->PageCount = (nuint)pages.Count;
        native->Pages = pages.Count == 0 ? null : nativePages;
        native->FailedCount = (nuint)document.FailedCount;
        native->PdfPageCount = document.PdfPageCount;
        for (int i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var nativePage = nativePages + i;
            nativePage->Number = page.Number;
            nativePage->Status = page.Status;
            nativePage->Error = NativeStrings.Put(page.Error?.Message ?? "", ref next);
            nativePage->Result = (NativeResult*)results[i];
            nativePage->Width = page.Size?.Width ?? 0;
            nativePage->Height = page.Size?.Height ?? 0;
            nativePage->FigureCount = (nuint)page.Figures.Count;
            nativePage->Figures = page.Figures.Count == 0 ? null : nativeFigures;
            foreach (var figure in page.Figures)
            {
                nativeFigures->Region = (nuint)figure.Region;
                nativeFigures->FileName = NativeStrings.Put(figure.FileName, ref next);
                nativeFigures->Png = next;
                nativeFigures->PngSize = (nuint)figure.Png.Length;
                next = Copy(figure.Png.Span, next);
                nativeFigures++;
            }
        }

        Live[(nint)block] = 0;
        return native;
    }

    private static byte* Copy(ReadOnlySpan<byte> bytes, byte* next)
    {
        bytes.CopyTo(new Span<byte>(next, bytes.Length));
        return next + bytes.Length;
    }
}
