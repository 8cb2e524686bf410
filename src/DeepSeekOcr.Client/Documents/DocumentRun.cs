using System.Threading.Channels;
using DeepSeekOcr.Client.Grounding;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// One document being recognised. A single loop renders the pages in the order asked for (Poppler's document is not
/// thread-safe), each only once one of <see cref="OcrDocumentRequest.Concurrency"/> slots is free, so at most that
/// many pages are rendered and held in memory; each rendered page is sent at once and frees its slot when it ends.
/// Every ended page is published on <see cref="Ended"/>, for whoever reports progress on their own thread.
/// </summary>
internal sealed class DocumentRun : IDisposable
{
    private readonly OcrClient _client;
    private readonly PdfDocument _pdf;
    private readonly OcrRequest _template;
    private readonly IReadOnlyList<int> _numbers;
    private readonly OcrDocumentRequest _document;
    private readonly string _name;
    private readonly bool _cropFigures;
    private readonly CancellationTokenSource _cancel;
    private readonly Channel<OcrPage> _ended = Channel.CreateUnbounded<OcrPage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OcrPage[] _pages;

    private DocumentRun(OcrClient client, PdfDocument pdf, OcrRequest template, IReadOnlyList<int> numbers, OcrDocumentRequest document, string name, CancellationToken cancellationToken)
    {
        _client = client;
        _pdf = pdf;
        _template = template;
        _numbers = numbers;
        _document = document;
        _name = name;
        _cropFigures = document.CropFigures && !ModePrompts.RefIsText(template.Mode);
        _pages = new OcrPage[numbers.Count];
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Completion = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>How many pages were asked for.</summary>
    public int Total => _numbers.Count;

    /// <summary>Each page as it ends; completed once every page has ended (or, cancelled, every page in flight has stopped).</summary>
    public ChannelReader<OcrPage> Ended => _ended.Reader;

    /// <summary>The document, or the call's failure (<see cref="OcrStatus.Cancelled"/>) once nothing runs any more.</summary>
    public Task<OcrDocument> Completion { get; }

    /// <summary>
    /// Checks the request, opens the PDF and starts rendering and recognising. Fails at once, before anything is sent,
    /// on a bad argument, a missing or unreadable file (Io), bytes that are no PDF (UnsupportedImage), a missing
    /// Poppler (Unavailable) and a page number outside the PDF.
    /// </summary>
    public static DocumentRun Start(OcrClient client, OcrDocumentRequest document, OcrRequest? template, Func<PopplerLibrary> poppler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(poppler);
        var names = client.Names;
        CheckSettings(document, names);
        string name = NameOf(document, names);
        var pageTemplate = CheckTemplate(template, names);
        var library = poppler();
        var pdf = PdfDocument.Open(library, ReadPdf(document, names).Span);
        try
        {
            return new DocumentRun(client, pdf, pageTemplate, PageNumbers(document.Pages, pdf.PageCount), document, name, cancellationToken);
        }
        catch
        {
            pdf.Dispose();
            throw;
        }
    }

    /// <summary>Stops everything: pages in flight end as cancelled and the document fails with <see cref="OcrStatus.Cancelled"/>.</summary>
    public void Cancel() => _cancel.Cancel();

    /// <summary>Reports each page as it ends, then returns the document.</summary>
    public async Task<OcrDocument> CompleteAsync(IProgress<OcrDocumentProgress>? progress)
    {
        int done = 0;
        await foreach (var page in Ended.ReadAllAsync().ConfigureAwait(false))
        {
            progress?.Report(new OcrDocumentProgress(++done, Total, page));
        }

        return await Completion.ConfigureAwait(false);
    }

    private async Task<OcrDocument> RunAsync()
    {
        var token = _cancel.Token;
        var running = new List<Task>();
        using var slots = new SemaphoreSlim(_document.Concurrency);
        try
        {
            for (int index = 0; index < _numbers.Count; index++)
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                RenderedPage rendered;
                try
                {
                    rendered = _pdf.Render(_numbers[index], _document.Dpi, keepPixels: _cropFigures);
                }
                catch (Exception e)
                {
                    slots.Release();
                    End(index, new OcrPage { Number = _numbers[index], Error = OcrFailures.Unforeseen(e) });
                    continue;
                }

                running.Add(RecognizeAsync(index, rendered, slots, token));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled while waiting for a slot: what is in flight stops on the same token.
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
            _ended.Writer.Complete();
        }

        return token.IsCancellationRequested
            ? throw new OcrException(OcrStatus.Cancelled, "the document was cancelled")
            : new OcrDocument(_pages, _pdf.PageCount);
    }

    /// <summary>Recognises one rendered page; never throws: a failure is the page's own.</summary>
    private async Task RecognizeAsync(int index, RenderedPage rendered, SemaphoreSlim slots, CancellationToken token)
    {
        var size = new ImageSize(rendered.Width, rendered.Height);
        OcrPage page;
        try
        {
            using (rendered)
            {
                var links = ImageLinks.ForPage(_name, rendered.Number);
                var request = _template with { Image = ImageSource.FromBytes(rendered.Png, $"the image of page {rendered.Number}") };
                var result = await _client.RecognizeAsync(request, links, token).ConfigureAwait(false);
                page = new OcrPage
                {
                    Number = rendered.Number,
                    Result = result,
                    Size = size,
                    Figures = _cropFigures ? CropFigures(rendered, result, links) : [],
                };
            }
        }
        catch (Exception e)
        {
            page = new OcrPage { Number = rendered.Number, Error = OcrFailures.Unforeseen(e), Size = size };
        }
        finally
        {
            slots.Release();
        }

        End(index, page);
    }

    private void End(int index, OcrPage page)
    {
        _pages[index] = page;
        _ended.Writer.TryWrite(page);
    }

    /// <summary>The first box of each <c>image</c> region, named as the page's markdown links it.</summary>
    private static List<OcrFigure> CropFigures(RenderedPage rendered, OcrResult result, ImageLinks links)
    {
        var figures = new List<OcrFigure>();
        int images = 0;
        for (int region = 0; region < result.Regions.Count; region++)
        {
            if (result.Regions[region].Label != "image")
            {
                continue;
            }

            string fileName = links.FileName(images++);
            if (rendered.Crop(result.Regions[region].Boxes[0]) is { } png)
            {
                figures.Add(new OcrFigure(region, fileName, png));
            }
        }

        return figures;
    }

    private static void CheckSettings(OcrDocumentRequest document, OptionNames names)
    {
        if (document.Dpi is < OcrDocumentRequest.MinDpi or > OcrDocumentRequest.MaxDpi)
        {
            throw Invalid($"{names.Dpi} must be from {OcrDocumentRequest.MinDpi} to {OcrDocumentRequest.MaxDpi}, not {document.Dpi}");
        }

        if (document.Concurrency is < 1 or > OcrDocumentRequest.MaxConcurrency)
        {
            throw Invalid($"{names.Concurrency} must be from 1 to {OcrDocumentRequest.MaxConcurrency}, not {document.Concurrency}");
        }

        if ((document.PdfPath is null) == (document.PdfBytes is null))
        {
            throw Invalid($"set exactly one of {names.PdfPath} and {names.PdfData}");
        }
    }

    private static string NameOf(OcrDocumentRequest document, OptionNames names)
    {
        if (document.Name is not { } name)
        {
            string stem = document.PdfPath is null ? "" : Path.GetFileNameWithoutExtension(document.PdfPath);
            return stem.Length > 0 ? stem : OcrDocumentRequest.DefaultName;
        }

        // The name becomes part of file names (NAME_PAGE_N.png): one that could point elsewhere is refused.
        return name.Length == 0 || name.AsSpan().IndexOfAny("/\\\0") >= 0 || name is "." or ".."
            ? throw Invalid($"{names.DocumentName} must be a non-empty file name without '/' or '\\', not '{name}'")
            : name;
    }

    private static OcrRequest CheckTemplate(OcrRequest? template, OptionNames names)
    {
        if (template is null)
        {
            return new OcrRequest { Image = null! };
        }

        if (template.Image is not null || template.ImageSize is not null || template.MoreImages.Count > 0)
        {
            throw Invalid("the request for a document must not set an image, its size or more images: each page is the image");
        }

        ModePrompts.For(template.Mode, template.LocateText, names); // a bad mode fails the call, not every page
        return template;
    }

    private static ReadOnlyMemory<byte> ReadPdf(OcrDocumentRequest document, OptionNames names)
    {
        if (document.PdfBytes is { } bytes)
        {
            return bytes.IsEmpty ? throw Invalid($"{names.PdfData} is empty") : bytes;
        }

        string path = document.PdfPath!;
        if (Directory.Exists(path))
        {
            throw Io($"the PDF path '{path}' is a directory");
        }

        try
        {
            byte[] pdf = File.ReadAllBytes(path);
            return pdf.Length == 0 ? throw Io($"the PDF file '{path}' is empty") : pdf;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Io($"the PDF file '{path}' does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Io($"cannot read the PDF file '{path}': {e.Message}", e);
        }
    }

    private static List<int> PageNumbers(IReadOnlyList<int>? pages, int pageCount)
    {
        if (pages is null)
        {
            return [.. Enumerable.Range(1, pageCount)];
        }

        if (pages.Count == 0)
        {
            throw Invalid("the list of pages is empty (none: every page)");
        }

        foreach (int number in pages)
        {
            if (number < 1 || number > pageCount)
            {
                throw Invalid($"page {number} is out of range: the PDF has {pageCount} page{(pageCount == 1 ? "" : "s")} (1 to {pageCount})");
            }
        }

        return [.. pages];
    }

    private static OcrException Invalid(string message) => new(OcrStatus.InvalidArgument, message);

    private static OcrException Io(string message, Exception? cause = null) => new(OcrStatus.Io, message, innerException: cause);

    public void Dispose()
    {
        if (!Completion.IsCompleted)
        {
            Cancel();
            ((IAsyncResult)Completion).AsyncWaitHandle.WaitOne();
        }

        _pdf.Dispose();
        _cancel.Dispose();
    }
}
