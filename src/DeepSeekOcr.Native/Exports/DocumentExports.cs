using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Documents;
using DeepSeekOcr.Native.Interop;

namespace DeepSeekOcr.Native.Exports;

/// <summary>
/// The runtime's <c>ocr_document</c> and <c>ocr_document_result_free</c>, behind the C gate (Gate/exports.g.c). The
/// call blocks the caller's thread, which pumps the pages as they end and runs the progress callback, so the callback
/// never runs on a library thread nor twice at once.
/// </summary>
internal static unsafe class DocumentExports
{
    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_document", CallConvs = [typeof(CallConvCdecl)])]
    public static OcrStatus Document(nint client, NativeRequest* request, NativeDocumentOptions* options, NativeDocumentResult** result)
    {
        try
        {
            if (result is null)
            {
                return Failures.Record(OcrStatus.InvalidArgument, "out is NULL");
            }

            *result = null;
            var ocrClient = Handles.Clients.Resolve(client, "client");
            var template = DocumentOptionsReader.ReadTemplate(request, out var cancellationToken);
            var document = DocumentOptionsReader.Read(options, out var progress);
            using var run = DocumentRun.Start(ocrClient, document, template, PopplerLibrary.Shared, cancellationToken);
            if (!Pump(run, progress))
            {
                run.Cancel();
                return Failures.Record(OcrStatus.Cancelled, "the progress callback returned nonzero: stopped");
            }

            *result = DocumentAllocator.Allocate(run.Completion.GetAwaiter().GetResult());
            return OcrStatus.Ok;
        }
        catch (Exception e)
        {
            return Failures.Record(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "dsocr_managed_document_result_free", CallConvs = [typeof(CallConvCdecl)])]
    public static void Free(NativeDocumentResult* document)
    {
        if (document is not null)
        {
            DocumentAllocator.Free(document);
        }
    }

    /// <summary>Reports each page as it ends, on this thread, until every page has; false when the callback asked to stop.</summary>
    private static bool Pump(DocumentRun run, DocumentProgress progress)
    {
        var ended = run.Ended;
        int done = 0;
        while (Wait(ended.WaitToReadAsync()))
        {
            while (ended.TryRead(out _))
            {
                if (progress.Report(++done, run.Total))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // Blocks the caller's thread without a second hop when a page has already ended.
    private static bool Wait(ValueTask<bool> next) =>
        next.IsCompletedSuccessfully ? next.Result : next.AsTask().GetAwaiter().GetResult();
}
