using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// By default image_url is fetched only from public addresses: a URL naming a non-public address, a host name
/// resolving to one, or a redirect into one gets 400 without the image being fetched. --allow-image-network opens
/// a given network (here 127.0.0.2/32, which plays the public image host: the test machine has no other).
/// </summary>
[TestFixture]
public sealed class ImageUrlPolicyTests() : ServerProcessFixture("--fetch-timeout", "5", "--allow-image-network", "127.0.0.2/32")
{
    private const string Refused = "is not a public address";

    private ImageHttpServer _loopbackImages = null!;
    private ImageHttpServer _allowedImages = null!;

    [OneTimeSetUp]
    public void StartImageServers()
    {
        _loopbackImages = new ImageHttpServer(slowDelay: TimeSpan.Zero);
        _allowedImages = new ImageHttpServer(slowDelay: TimeSpan.Zero, host: "127.0.0.2");
    }

    [OneTimeTearDown]
    public void StopImageServers()
    {
        _loopbackImages.Dispose();
        _allowedImages.Dispose();
    }

    [Test]
    public async Task LoopbackImageServer_IsRefusedAndNeverAsked()
    {
        var before = _loopbackImages.Requests;

        using var response = await PostAsync(_loopbackImages.BaseUrl + "receipt.png");

        var error = await ErrorAssert.IsErrorAsync(response, 400, Refused);
        Assert.That(error.Message, Does.Contain("'127.0.0.1'"));
        Assert.That(_loopbackImages.Requests, Is.EqualTo(before), "no request may reach the refused address");
    }

    [Test]
    public async Task HostNameResolvingToLoopback_IsRefused()
    {
        var port = new Uri(_loopbackImages.BaseUrl).Port;
        var before = _loopbackImages.Requests;

        using var response = await PostAsync($"http://localhost:{port}/receipt.png");

        await ErrorAssert.IsErrorAsync(response, 400, Refused);
        Assert.That(_loopbackImages.Requests, Is.EqualTo(before));
    }

    // Each range by a literal address; none of these is contacted (a contacted one would time out or be refused
    // with another message). The ports are closed or unroutable, so a missing check fails the test, not hangs it.
    [TestCase("http://127.0.0.1:9/x.png")]
    [TestCase("http://127.9.9.9:9/x.png")]
    [TestCase("http://2130706433:9/x.png")]
    [TestCase("http://0.0.0.0:9/x.png")]
    [TestCase("http://10.0.0.1:9/x.png")]
    [TestCase("http://172.16.0.1:9/x.png")]
    [TestCase("http://192.168.0.1:9/x.png")]
    [TestCase("http://100.64.0.1:9/x.png")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://198.18.0.1:9/x.png")]
    [TestCase("http://224.0.0.1:9/x.png")]
    [TestCase("http://255.255.255.255:9/x.png")]
    [TestCase("http://[::1]:9/x.png")]
    [TestCase("http://[::ffff:127.0.0.1]:9/x.png")]
    [TestCase("http://[::ffff:169.254.169.254]/x.png")]
    [TestCase("http://[64:ff9b::a9fe:a9fe]/x.png")]
    [TestCase("http://[fd00::1]:9/x.png")]
    [TestCase("http://[fe80::1]:9/x.png")]
    [TestCase("https://[fec0::1]:9/x.png")]
    [TestCase("https://10.0.0.1/x.png")]
    public async Task NonPublicAddress_IsRefused(string url)
    {
        using var response = await PostAsync(url);

        await ErrorAssert.IsErrorAsync(response, 400, Refused);
    }

    [Test]
    public async Task AllowedNetwork_IsFetched()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(_allowedImages.BaseUrl + "receipt.png"));

        Assert.That(CharacterErrorRate.Of(content, Samples.GroundTruth("receipt")), Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public async Task RedirectWithinTheAllowedNetwork_IsFollowed()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Redirect(_allowedImages, _allowedImages.BaseUrl + "receipt.png")));

        Assert.That(content, Does.StartWith("CORNER BAKERY"));
    }

    [Test]
    public async Task RedirectIntoLoopback_IsRefusedAndNeverFollowed()
    {
        var before = _loopbackImages.Requests;
        var redirectsBefore = _allowedImages.Requests;

        using var response = await PostAsync(Redirect(_allowedImages, _loopbackImages.BaseUrl + "receipt.png"));

        await ErrorAssert.IsErrorAsync(response, 400, Refused);
        Assert.That(_allowedImages.Requests, Is.EqualTo(redirectsBefore + 1), "the redirect itself was fetched");
        Assert.That(_loopbackImages.Requests, Is.EqualTo(before), "its target was not");
    }

    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://10.0.0.1:9/x.png")]
    [TestCase("http://[::1]:9/x.png")]
    public async Task RedirectIntoANonPublicRange_IsRefused(string target)
    {
        using var response = await PostAsync(Redirect(_allowedImages, target));

        await ErrorAssert.IsErrorAsync(response, 400, Refused);
    }

    private static string Redirect(ImageHttpServer from, string to) => from.BaseUrl + "redirect?to=" + Uri.EscapeDataString(to);

    private Task<HttpResponseMessage> PostAsync(string imageUrl) =>
        Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(imageUrl)));
}
