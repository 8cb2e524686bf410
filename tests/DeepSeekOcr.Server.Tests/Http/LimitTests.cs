using System.Text;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>Configured limits: request bodies over --max-body-bytes get 413, images over --max-image-bytes get 400.</summary>
[TestFixture]
public sealed class LimitTests() : ServerProcessFixture("--max-body-bytes", MaxBodyBytes.ToString(), "--max-image-bytes", MaxImageBytes.ToString())
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxImageBytes = 8 * 1024;


    [Test]
    public async Task BodyOverTheLimitWithContentLength_Is413()
    {
        var request = ChatRequests.For("data:image/png;base64," + new string('A', MaxBodyBytes * 2));

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));

        await ErrorAssert.IsErrorAsync(response, 413, $"limit of {MaxBodyBytes} bytes");
    }

    [Test]
    public async Task ChunkedBodyOverTheLimit_Is413()
    {
        var json = """{"model":"deepseek-ocr","messages":[{"role":"user","content":[{"type":"text","text":" """ + new string('x', MaxBodyBytes * 2) + "\"}]}]}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        message.Headers.TransferEncodingChunked = true;

        using var response = await Server.Http.SendAsync(message);

        await ErrorAssert.IsErrorAsync(response, 413, $"limit of {MaxBodyBytes} bytes");
    }

    [Test]
    public async Task ImageOverTheLimit_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(Samples.DataUrl("receipt.png"))));

        await ErrorAssert.IsErrorAsync(response, 400, $"limit of {MaxImageBytes} bytes");
    }
}
