using System.Net;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// The queue is bounded: with one engine and --max-queue 1, two requests whose images are held by the image server
/// fill it, and a third is answered 429 with Retry-After at once; once the two are done, requests are served again.
/// </summary>
[TestFixture]
public sealed class QueueBoundTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ServerProcess _server = null!;
    private ImageHttpServer _images = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _server = ServerProcess.Start("--engines", "1", "--max-queue", "1", "--allow-private-image-urls", "--fetch-timeout", "120");
        _images = new ImageHttpServer(slowDelay: TimeSpan.Zero);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _server.Dispose();
        _images.Dispose();
    }

    [Test]
    public async Task PastTheBound_Is429WithRetryAfter_ThenServedAgain()
    {
        var held = Enumerable.Range(0, 2)
            .Select(_ => _server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(_images.BaseUrl + "held.png"))))
            .ToList();
        try
        {
            // Both have their place: a request takes it before fetching its image.
            await _images.WaitForHeldAsync(2, Patience);

            using var refused = await _server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(Samples.DataUrl("receipt.png"))));

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

        var content = await ChatRequests.ContentAsync(_server.Http, ChatRequests.For(Samples.DataUrl("receipt.png")));
        Assert.That(content, Does.StartWith("CORNER BAKERY"), "places are given back");
    }

    [Test]
    public async Task StreamedRequestPastTheBound_Is429BeforeAnyStream()
    {
        var held = Enumerable.Range(0, 2)
            .Select(_ => _server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(_images.BaseUrl + "held.png"))))
            .ToList();
        try
        {
            await _images.WaitForHeldAsync(2, Patience);
            var request = ChatRequests.For(Samples.DataUrl("receipt.png"));
            request.Stream = true;

            using var refused = await _server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));

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
