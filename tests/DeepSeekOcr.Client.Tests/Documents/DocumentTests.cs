using System.Collections.Concurrent;
using DeepSeekOcr.Client.Documents;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Documents;

/// <summary>
/// PDFs through the real Poppler (libpoppler-glib8) against the scripted server, answering by the page a request
/// carries: order, per-page failures, the bound on pages in flight, cancellation and the calls that fail as a whole.
/// </summary>
public sealed class DocumentTests : ScriptedServerFixture
{
    private static readonly OcrRequest Markdown = new() { Image = null!, Mode = OcrMode.Markdown };

    [Test]
    public async Task RecognizeDocumentAsync_EveryPage_ReturnsThePagesInOrderWithTheirSizesAndJoinedMarkdown()
    {
        var server = Server.Define(PageScenarios.ByPage(page => PageScenarios.Answer(200, $"Text of page {page}.")));
        using var client = TestClients.Create(server.BaseUrl);

        var document = await client.RecognizeDocumentAsync(OcrDocumentRequest.FromFile(SamplePdf.Path));

        Assert.That(document.PdfPageCount, Is.EqualTo(3));
        Assert.That(document.Pages.Select(p => p.Number), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(document.Pages.Select(p => p.Status), Is.All.EqualTo(OcrStatus.Ok));
        Assert.That(document.Pages.Select(p => p.Result!.Text), Is.EqualTo(new[] { "Text of page 1.", "Text of page 2.", "Text of page 3." }));
        Assert.That(document.Pages.Select(p => (p.Size!.Value.Width, p.Size!.Value.Height)), Is.EqualTo(SamplePdf.Sizes));
        Assert.That(document.Pages.Select(p => p.Result!.ImageSize), Is.EqualTo(document.Pages.Select(p => p.Size)));
        Assert.That(document.Markdown, Is.EqualTo("Text of page 1.\n<--- Page Split --->\nText of page 2.\n<--- Page Split --->\nText of page 3."));
        Assert.That(document.RawText, Is.EqualTo(document.Markdown));
        Assert.That(document.FailedCount, Is.Zero);
    }

    [Test]
    public async Task RecognizeDocumentAsync_PagesAskedOutOfOrder_ReturnsThemInTheOrderAskedEvenWhenTheyEndInAnother()
    {
        // Page 3, asked first, is answered last: only once both other pages have ended at the client.
        var ended = new ConcurrentQueue<int>();
        var server = Server.Define(PageScenarios.ByPage(page => page == 3 ? PageScenarios.Held(200, "Text of page 3.") : PageScenarios.Answer(200, $"Text of page {page}.")));
        using var client = TestClients.Create(server.BaseUrl);

        var call = client.RecognizeDocumentAsync(
            OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Pages = [3, 1, 2], Concurrency = 3 },
            progress: new SynchronousProgress(p => ended.Enqueue(p.Page.Number)));
        await Eventually.TrueAsync(() => ended.Count == 2, "pages 1 and 2 ending");
        server.Release();
        var document = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(document.Pages.Select(p => p.Number), Is.EqualTo(new[] { 3, 1, 2 }));
        Assert.That(document.Pages.Select(p => p.Result!.Text), Is.EqualTo(new[] { "Text of page 3.", "Text of page 1.", "Text of page 2." }));
        Assert.That(ended.Last(), Is.EqualTo(3), "page 3 ended last");
    }

    [Test]
    public async Task RecognizeDocumentAsync_OnePageAnswered500_KeepsItsFailureAndTheOtherPages()
    {
        var server = Server.Define(PageScenarios.ByPage(page => page == 2 ? PageScenarios.Answer(500, "page two broke the model") : PageScenarios.Answer(200, $"Text of page {page}.")));
        using var client = TestClients.Create(server.BaseUrl);

        var document = await client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes));

        Assert.That(document.Pages.Select(p => p.Status), Is.EqualTo(new[] { OcrStatus.Ok, OcrStatus.Server, OcrStatus.Ok }));
        Assert.That(document.Pages[1].Error!.HttpStatus, Is.EqualTo(500));
        Assert.That(document.Pages[1].Error!.Message, Does.Contain("page two broke the model"));
        Assert.That(document.Pages[1].Result, Is.Null);
        Assert.That(document.Pages[1].Size, Is.EqualTo(new ImageSize(1190, 1684)), "the page was rendered before it failed");
        Assert.That(document.FailedCount, Is.EqualTo(1));
        Assert.That(document.Markdown, Is.EqualTo("Text of page 1.\n<--- Page Split --->\n\n<--- Page Split --->\nText of page 3."));
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task RecognizeDocumentAsync_ManyPages_NeverHasMoreThanConcurrencyInFlight(int concurrency)
    {
        int[] pages = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3];
        // Each request is held, and one is let go only once the bound is reached (or every page has arrived): a client
        // that sent more at once would be seen holding more; one that sent fewer would never reach it.
        var server = Server.Define(PageScenarios.ByPage(page => PageScenarios.Held(200, $"Text of page {page}.")));
        using var client = TestClients.Create(server.BaseUrl);

        var call = client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Pages = pages, Concurrency = concurrency });
        for (int answered = 0; answered < pages.Length; answered++)
        {
            int arrived = Math.Min(answered + concurrency, pages.Length);
            await Eventually.TrueAsync(() => server.Count() >= arrived, $"{arrived} pages reaching the server");
            server.Release();
        }

        var document = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(server.MostAtOnce(), Is.EqualTo(concurrency));
        Assert.That(server.Count(), Is.EqualTo(pages.Length));
        Assert.That(document.Pages.Select(p => p.Number), Is.EqualTo(pages));
        Assert.That(document.Pages.Select(p => p.Result!.Text), Is.EqualTo(pages.Select(p => $"Text of page {p}.")));
    }

    [Test]
    public async Task RecognizeDocumentAsync_ProgressReportsEachPageOnce()
    {
        var server = Server.Define(PageScenarios.ByPage(page => PageScenarios.Answer(200, $"Text of page {page}.")));
        using var client = TestClients.Create(server.BaseUrl);
        var reports = new ConcurrentQueue<OcrDocumentProgress>();

        await client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Pages = [2, 3] }, progress: new SynchronousProgress(reports.Enqueue));

        Assert.That(reports.Select(r => (r.Done, r.Total)), Is.EqualTo(new[] { (1, 2), (2, 2) }));
        Assert.That(reports.Select(r => r.Page.Number).Order(), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public async Task RecognizeDocumentAsync_CancelledWhilePagesAreInFlight_FailsWithCancelledAndStopsThem()
    {
        var server = Server.Define(Scenarios.Steps(Scenarios.HoldUntilClose()));
        using var client = TestClients.Create(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        var call = Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Concurrency = 2 }, cancellationToken: cancel.Token));
        await Eventually.TrueAsync(() => server.Count() == 2, "two pages reaching the server");

        await cancel.CancelAsync();
        var e = await call.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Cancelled));
        Assert.That(server.Count(), Is.EqualTo(2), "the third page was never sent");
    }

    [Test]
    public async Task RecognizeDocumentAsync_MarkdownModeWithAnImageRegion_CropsTheFigureAndLinksIt()
    {
        // Page 2 (1190 x 1684) has a framed chart; the answer puts an image region on its frame.
        const string answer = "<|ref|>title<|/ref|><|det|>[[80, 50, 400, 80]]<|/det|>\n# Loans by Month\n\n"
            + "<|ref|>image<|/ref|><|det|>[[100, 308, 900, 700]]<|/det|>\n\n"
            + "<|ref|>image_caption<|/ref|><|det|>[[80, 720, 500, 740]]<|/det|>\nFigure 1";
        var server = Server.Define(PageScenarios.Answer(200, answer));
        using var client = TestClients.Create(server.BaseUrl);

        var document = await client.RecognizeDocumentAsync(
            OcrDocumentRequest.FromFile(SamplePdf.Path) with { Pages = [2], CropFigures = true },
            Markdown);

        var page = document.Pages.Single();
        Assert.That(page.Result!.Markdown, Does.Contain("![](images/document_2_0.png)"));
        var figure = page.Figures.Single();
        Assert.That(figure.FileName, Is.EqualTo("document_2_0.png"));
        Assert.That(figure.Region, Is.EqualTo(1));
        var box = page.Result.Regions[1].Boxes[0];
        Assert.That(ImageHeader.FromBytes(figure.Png), Is.EqualTo(new ImageSize(box.X2 - box.X1, box.Y2 - box.Y1)));
        Assert.That((box.X1, box.Y1, box.X2, box.Y2), Is.EqualTo(((int)(100 / 999.0 * 1190), (int)(308 / 999.0 * 1684), (int)(900 / 999.0 * 1190), (int)(700 / 999.0 * 1684))));
    }

    [Test]
    public async Task RecognizeDocumentAsync_NamedDocumentWithoutCropping_LinksFiguresByNameAndCropsNone()
    {
        var server = Server.Define(PageScenarios.Answer(200, "<|ref|>image<|/ref|><|det|>[[0, 0, 500, 500]]<|/det|>\n<|ref|>image<|/ref|><|det|>[[500, 500, 999, 999]]<|/det|>"));
        using var client = TestClients.Create(server.BaseUrl);

        var document = await client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Pages = [3], Name = "report" }, Markdown);

        Assert.That(document.Pages[0].Result!.Markdown, Is.EqualTo("![](images/report_3_0.png)\n![](images/report_3_1.png)"));
        Assert.That(document.Pages[0].Figures, Is.Empty);
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(-1)]
    public async Task RecognizeDocumentAsync_PageOutOfRange_FailsNamingTheNumberAndTheCountBeforeSending(int number)
    {
        var server = Server.Define(PageScenarios.Answer(200, "unused"));
        using var client = TestClients.Create(server.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Pages = [1, number] }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Does.Contain($"page {number} is out of range").And.Contain("3 pages"));
        Assert.That(server.Count(), Is.Zero);
    }

    [Test]
    public async Task RecognizeDocumentAsync_BytesThatAreNotAPdf_FailWithUnsupportedImage()
    {
        using var client = TestClients.Create("http://127.0.0.1:9");

        var png = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(TestImages.Png)));
        var damaged = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes.AsMemory(0, 600))));

        Assert.That(png.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(png.Message, Does.Contain("not a PDF"));
        Assert.That(damaged.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(damaged.Message, Does.Contain("the PDF cannot be opened"));
    }

    [Test]
    public async Task RecognizeDocumentAsync_MissingFileOrDirectory_FailsWithIo()
    {
        using var client = TestClients.Create("http://127.0.0.1:9");
        using var directory = new TempDirectory();

        var missing = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromFile(Path.Combine(directory.Path, "none.pdf"))));
        var folder = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromFile(directory.Path)));

        Assert.That(missing.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(missing.Message, Does.Contain("does not exist"));
        Assert.That(folder.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(folder.Message, Does.Contain("is a directory"));
    }

    [Test]
    public async Task RecognizeDocumentAsync_PopplerMissing_FailsWithUnavailableNamingThePackage()
    {
        using var client = TestClients.Create("http://127.0.0.1:9");
        var missing = PopplerLibraryNames.ForThisSystem with { Poppler = "libpoppler-glib-absent.so.8" };

        var e = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(
            OcrDocumentRequest.FromBytes(SamplePdf.Bytes), null, null, () => PopplerLibrary.Load(missing), CancellationToken.None));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Unavailable));
        Assert.That(e.Message, Does.Contain("libpoppler-glib-absent.so.8").And.Contain("install libpoppler-glib8 (Debian/Ubuntu)"));
    }

    [TestCase(35, 4, "Dpi must be from 36 to 600, not 35")]
    [TestCase(601, 4, "Dpi must be from 36 to 600, not 601")]
    [TestCase(144, 0, "Concurrency must be from 1 to 64, not 0")]
    [TestCase(144, 65, "Concurrency must be from 1 to 64, not 65")]
    public async Task RecognizeDocumentAsync_SettingOutOfRange_FailsWithInvalidArgument(int dpi, int concurrency, string message)
    {
        using var client = TestClients.Create("http://127.0.0.1:9");

        var e = await Expect.FailureAsync(() => client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Dpi = dpi, Concurrency = concurrency }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.InvalidArgument));
        Assert.That(e.Message, Is.EqualTo(message));
    }

    [Test]
    public async Task RecognizeDocumentAsync_BadSourceNameOrTemplate_FailsWithInvalidArgument()
    {
        using var client = TestClients.Create("http://127.0.0.1:9");
        var pdf = OcrDocumentRequest.FromBytes(SamplePdf.Bytes);

        OcrException[] failures =
        [
            await Expect.FailureAsync(() => client.RecognizeDocumentAsync(pdf with { PdfPath = SamplePdf.Path })),
            await Expect.FailureAsync(() => client.RecognizeDocumentAsync(new OcrDocumentRequest())),
            await Expect.FailureAsync(() => client.RecognizeDocumentAsync(pdf with { Name = "../up" })),
            await Expect.FailureAsync(() => client.RecognizeDocumentAsync(pdf with { Pages = [] })),
            await Expect.FailureAsync(() => client.RecognizeDocumentAsync(pdf, TestClients.PngRequest())),
            await Expect.FailureAsync(() => client.RecognizeDocumentAsync(pdf, Markdown with { Mode = OcrMode.Locate })),
        ];

        Assert.That(failures.Select(e => e.Status), Is.All.EqualTo(OcrStatus.InvalidArgument));
    }

    [Test]
    public async Task RecognizeDocumentAsync_Dpi72_RendersHalfTheSize()
    {
        var server = Server.Define(PageScenarios.ByPage(page => PageScenarios.Answer(200, $"Text of page {page}.")));
        using var client = TestClients.Create(server.BaseUrl);

        var document = await client.RecognizeDocumentAsync(OcrDocumentRequest.FromBytes(SamplePdf.Bytes) with { Dpi = 72, Pages = [1] });

        Assert.That(document.Pages[0].Size, Is.EqualTo(new ImageSize(612, 792)));
    }

    /// <summary>Reports on the reporting thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<OcrDocumentProgress> report) : IProgress<OcrDocumentProgress>
    {
        public void Report(OcrDocumentProgress value) => report(value);
    }
}
