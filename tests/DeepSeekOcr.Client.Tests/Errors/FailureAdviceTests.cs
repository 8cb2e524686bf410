using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Errors;

/// <summary>
/// Failures a new user causes say what to do: the base URL and where it came from (argument, environment or the
/// default hosted service), how to start a server, which path was tried, how to turn a PDF into images.
/// </summary>
public sealed class FailureAdviceTests : MockServerFixture
{
    [Test]
    public async Task RecognizeAsync_NothingListening_SaysToStartTheServerOrSetTheBaseUrl()
    {
        string baseUrl = $"http://127.0.0.1:{LoopbackPorts.Unused()}";
        using var client = TestClients.Create(baseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain($"no server is listening at {baseUrl} (from BaseUrl)")
            .And.Contain("src/DeepSeekOcr.Server/start-server.sh").And.Contain("DEEPSEEK_OCR_BASE_URL"));
    }

    [Test]
    public async Task RecognizeAsync_BaseUrlFromTheEnvironment_NamesTheVariable()
    {
        string baseUrl = $"http://127.0.0.1:{LoopbackPorts.Unused()}/v1";
        // The variable is read when the client is made.
        using var client = WithBaseUrlVariable(baseUrl, () => new OcrClient(TestClients.Options(null!)));

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Message, Does.Contain($"{baseUrl} (from DEEPSEEK_OCR_BASE_URL)"));
    }

    [Test]
    public void Constructor_NoBaseUrlAnywhere_ChoosesTheHostedServiceAndFailuresSaySo()
    {
        // Only the settings are checked: a test never reaches anything but loopback.
        var settings = WithBaseUrlVariable(null, () => OcrClientSettings.From(TestClients.Options(null!)));

        string advice = FailureAdvice.Unreachable(settings, new HttpRequestException("no route"));

        Assert.That(settings.BaseUrlSource, Is.EqualTo(BaseUrlSource.Default));
        Assert.That(advice, Does.Contain($"this is the hosted service, {OcrClientOptions.DefaultBaseUrl} (the default, as neither BaseUrl nor DEEPSEEK_OCR_BASE_URL is set)"));
    }

    [Test]
    public async Task RecognizeAsync_NotFound_NamesTheEndpointTriedAndTheBaseUrl()
    {
        Mock.Reply(MockServer.Error(404, "no such route"), "/api/v1/chat/completions");
        using var client = TestClients.Create(Mock.BaseUrl + "/api");

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Http));
        Assert.That(e.HttpStatus, Is.EqualTo(404));
        Assert.That(e.Message, Does.Contain("no such route")
            .And.Contain($"POST {Mock.BaseUrl}/api/v1/chat/completions is not a Chat Completions endpoint")
            .And.Contain($"{Mock.BaseUrl}/api (from BaseUrl)"));
        Assert.That(e.ServerError?.Message, Is.EqualTo("no such route"), "the server's error object is kept");
    }

    [Test]
    public async Task RecognizeAsync_UnauthorizedWithoutKey_SaysNoKeyWasSentAndWhere()
    {
        Mock.Reply(MockServer.Error(401, "missing key", "authentication_error"));
        string? saved = Environment.GetEnvironmentVariable(OcrClientOptions.ApiKeyVariable);
        Environment.SetEnvironmentVariable(OcrClientOptions.ApiKeyVariable, null);
        try
        {
            using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { ApiKey = null });

            var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

            Assert.That(e.Status, Is.EqualTo(OcrStatus.Auth));
            Assert.That(e.Message, Does.Contain($"base URL {Mock.BaseUrl} (from BaseUrl)")
                .And.Contain("no API key was sent: set DEEPSEEK_OCR_API_KEY"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OcrClientOptions.ApiKeyVariable, saved);
        }
    }

    [Test]
    public async Task RecognizeAsync_UnauthorizedWithKey_SaysToCheckTheKeyWithoutShowingIt()
    {
        Mock.Reply(MockServer.Error(401, "bad key", "authentication_error"));
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Message, Does.Contain("check that the API key").And.Not.Contain(TestClients.ApiKey));
    }

    [Test]
    public async Task RecognizeAsync_Pdf_SaysHowToConvertItsPages()
    {
        using var client = TestClients.Create(Mock.BaseUrl);

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromBytes(TestImages.Pdf) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.UnsupportedImage));
        Assert.That(e.Message, Does.Contain("a PDF document").And.Contain("ocr_document").And.Contain("RecognizeDocumentAsync"));
        Assert.That(Mock.Requests, Is.Empty);
    }

    private static T WithBaseUrlVariable<T>(string? value, Func<T> body)
    {
        string? saved = Environment.GetEnvironmentVariable(OcrClientOptions.BaseUrlVariable);
        Environment.SetEnvironmentVariable(OcrClientOptions.BaseUrlVariable, value);
        try
        {
            return body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(OcrClientOptions.BaseUrlVariable, saved);
        }
    }
}
