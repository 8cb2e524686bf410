using System.Net;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// The queue is bounded: with one engine and --max-queue 1, two requests whose images are held by the image server
/// fill it, and a third is answered 429 with Retry-After at once; once the two are done, requests are served again.
/// </summary>
[TestFixture]
public sealed class QueueBoundTests() : ServerProcessFixture("--engines", "1", "--max-queue", "1", "--allow-private-image-urls", "--fetch-timeout", "120")
{
    // One engine and a queue of one (the server's arguments): two requests take every place.
    private const int Places = 2;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ImageHttpServer _images = null!;

    [OneTimeSetUp]
    public void StartImageServer() => _images = new ImageHttpServer(slowDelay: TimeSpan.Zero);

    [OneTimeTearDown]
    public void StopImageServer() => _images.Dispose();

    /// <summary>Sends as many requests as there are places, each for an image the image server holds until released.</summary>
    private List<Task<HttpResponseMessage>> SendHeldRequests() =>
        Enumerable.Range(0, Places)
            .Select(_ => Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(_images.BaseUrl + "held.png"))))
            .ToList();

    [Test]
    public async Task PastTheBound_Is429WithRetryAfter_ThenServedAgain()
    {
        var held = SendHeldRequests();
        try
        {
            // Both have their place: a request takes it before fetching its image.
            await _images.WaitForHeldAsync(Places, Patience);

            using var refused = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(Samples.DataUrl("receipt.png"))));

            var error = await ErrorAssert.IsErrorAsync(refused, 429, "busy");
            Assert.That(error.Code?.GetString(), Is.EqualTo("rate_limit_exceeded"));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null, "Retry-After in seconds");
            Assert.That(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, Is.InRange(1, 60));
            Assert.That(held.Any(task => task.IsCompleted), Is.False, "the held requests are still waiting for their images");
        }
        finally
        {
            _images.ReleaseHeld();
        }

        foreach (var response in await Task.WhenAll(held))
        {
            using (response)
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            }
        }

        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("receipt.png")));
        Assert.That(content, Does.StartWith("CORNER BAKERY"), "places are given back");
    }

    [Test]
    public async Task StreamedRequestPastTheBound_Is429BeforeAnyStream()
    {
        var held = SendHeldRequests();
        try
        {
            await _images.WaitForHeldAsync(Places, Patience);
            var request = ChatRequests.For(Samples.DataUrl("receipt.png"));
            request.Stream = true;

            using var refused = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));

            await ErrorAssert.IsErrorAsync(refused, 429, "busy");
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null);
        }
        finally
        {
            _images.ReleaseHeld();
            foreach (var response in await Task.WhenAll(held))
            {
                response.Dispose();
            }
        }
    }
}
