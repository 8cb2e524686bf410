using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// An http(s) image_url is downloaded (within --fetch-timeout); failures are 400 naming the cause. The image server
/// is on loopback, so this server opts in with --allow-private-image-urls (ImageUrlPolicyTests: what happens without).
/// </summary>
[TestFixture]
public sealed class ImageFetchTests() : ServerProcessFixture("--fetch-timeout", "2", "--allow-private-image-urls")
{
    private ImageHttpServer _images = null!;

    [OneTimeSetUp]
    public void StartImageServer() => _images = new ImageHttpServer(slowDelay: TimeSpan.FromSeconds(10));

    [OneTimeTearDown]
    public void StopImageServer() => _images.Dispose();

    [Test]
    public async Task HttpImageUrl_IsDownloadedAndRecognised()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(_images.BaseUrl + "receipt.png"));

        Assert.That(CharacterErrorRate.Of(content, Samples.GroundTruth("receipt")), Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public async Task RedirectToAnImage_IsFollowed()
    {
        var content = await ChatRequests.ContentAsync(
            Server.Http, ChatRequests.For(_images.BaseUrl + "redirect?to=" + Uri.EscapeDataString(_images.BaseUrl + "receipt.png")));

        Assert.That(CharacterErrorRate.Of(content, Samples.GroundTruth("receipt")), Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public async Task HttpImageUrlAnswering404_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(_images.BaseUrl + "missing.png")));

        await ErrorAssert.IsErrorAsync(response, 400, "HTTP 404");
    }

    [Test]
    public async Task SlowHttpImageUrl_TimesOutWith400()
    {
        var started = DateTime.UtcNow;

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(_images.BaseUrl + "slow.png")));

        await ErrorAssert.IsErrorAsync(response, 400, "timed out after 2 s");
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(8)));
    }

    [Test]
    public async Task UnreachableHttpImageUrl_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For("http://127.0.0.1:9/x.png")));

        await ErrorAssert.IsErrorAsync(response, 400, "fetching image_url failed");
    }
}
