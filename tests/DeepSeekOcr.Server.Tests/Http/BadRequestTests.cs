using System.Net.Http.Headers;
using System.Text;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>Bad input gets an error object naming the problem, with the right status, and never a stack trace.</summary>
[TestFixture]
public sealed class BadRequestTests : ServerProcessFixture
{

    [Test]
    public async Task MalformedJson_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.RawJson("""{"model": "deepseek-ocr", """));

        await ErrorAssert.IsErrorAsync(response, 400, "not valid JSON (line 1");
    }

    [Test]
    public async Task JsonNull_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.RawJson("null"));

        await ErrorAssert.IsErrorAsync(response, 400, "JSON object");
    }

    [Test]
    public async Task ContentOfTheWrongType_Is400()
    {
        using var response = await Server.Http.PostAsync(
            "/v1/chat/completions", ChatRequests.RawJson("""{"model":"deepseek-ocr","messages":[{"role":"user","content":42}]}"""));

        await ErrorAssert.IsErrorAsync(response, 400, "string or an array of parts");
    }

    [Test]
    public async Task MissingImage_Is400()
    {
        using var response = await Server.Http.PostAsync(
            "/v1/chat/completions", ChatRequests.RawJson("""{"model":"deepseek-ocr","messages":[{"role":"user","content":"Free OCR."}]}"""));

        var error = await ErrorAssert.IsErrorAsync(response, 400, "no image");
        Assert.That(error.Code?.GetString(), Is.EqualTo("missing_image"));
    }

    [Test]
    public async Task NoMessages_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.RawJson("""{"model":"deepseek-ocr","messages":[]}"""));

        await ErrorAssert.IsErrorAsync(response, 400, "messages");
    }

    [Test]
    public async Task UnsupportedImageFormat_Is400()
    {
        var gif = "data:image/gif;base64," + Convert.ToBase64String("GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8.ToArray());

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(gif)));

        await ErrorAssert.IsErrorAsync(response, 400, "not PNG, JPEG, WebP or BMP");
    }

    [Test]
    public async Task TruncatedPng_Is400()
    {
        var png = Samples.Bytes("receipt.png");
        var truncated = "data:image/png;base64," + Convert.ToBase64String(png.AsSpan(0, png.Length / 3));

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(truncated)));

        await ErrorAssert.IsErrorAsync(response, 400, "could not be decoded");
    }

    [Test]
    public async Task PngSignatureWithGarbage_Is400()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes(new string('x', 200))];

        using var response = await Server.Http.PostAsync(
            "/v1/chat/completions", ChatRequests.Json(ChatRequests.For("data:image/png;base64," + Convert.ToBase64String(bytes))));

        await ErrorAssert.IsErrorAsync(response, 400, "could not be decoded");
    }

    [Test]
    public async Task InvalidBase64_Is400()
    {
        using var response = await Server.Http.PostAsync(
            "/v1/chat/completions", ChatRequests.Json(ChatRequests.For("data:image/png;base64,@@not base64@@")));

        await ErrorAssert.IsErrorAsync(response, 400, "valid base64");
    }

    [Test]
    public async Task DataUrlWithoutBase64_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For("data:image/png,abc")));

        await ErrorAssert.IsErrorAsync(response, 400, "base64");
    }

    [Test]
    public async Task UnsupportedUrlScheme_Is400()
    {
        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For("file:///etc/passwd")));

        await ErrorAssert.IsErrorAsync(response, 400, "http(s) URL or a data: URL");
    }

    [TestCase("temperature", 2.5)]
    [TestCase("temperature", -0.1)]
    [TestCase("top_p", 1.5)]
    [TestCase("top_p", -1)]
    public async Task SamplingOptionOutOfRange_Is400(string name, double value)
    {
        var request = ChatRequests.For(Samples.DataUrl("receipt.png"));
        if (name == "temperature")
        {
            request.Temperature = value;
        }
        else
        {
            request.TopP = value;
        }

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));

        var error = await ErrorAssert.IsErrorAsync(response, 400, name);
        Assert.That(error.Param, Is.EqualTo(name));
    }

    [Test]
    public async Task MaxTokensZero_Is400()
    {
        var request = ChatRequests.For(Samples.DataUrl("receipt.png"));
        request.MaxTokens = 0;

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));

        await ErrorAssert.IsErrorAsync(response, 400, "max_tokens");
    }

    [Test]
    public async Task UnknownModel_Is404()
    {
        var request = ChatRequests.For(Samples.DataUrl("receipt.png"));
        request.Model = "gpt-4o";

        using var response = await Server.Http.PostAsync("/v1/chat/completions", ChatRequests.Json(request));

        var error = await ErrorAssert.IsErrorAsync(response, 404, "gpt-4o");
        Assert.That(error.Code?.GetString(), Is.EqualTo("model_not_found"));
    }

    [Test]
    public async Task WrongContentType_Is415()
    {
        using var content = new StringContent("""{"model":"deepseek-ocr","messages":[]}""", Encoding.UTF8, "text/plain");

        using var response = await Server.Http.PostAsync("/v1/chat/completions", content);

        await ErrorAssert.IsErrorAsync(response, 415, "application/json");
    }

    [Test]
    public async Task UnknownPath_Is404WithErrorObject()
    {
        using var response = await Server.Http.GetAsync("/v1/nothing-here");

        await ErrorAssert.IsErrorAsync(response, 404, "no such endpoint");
    }

    [Test]
    public async Task GetOnChatCompletions_Is405WithErrorObject()
    {
        using var response = await Server.Http.GetAsync("/v1/chat/completions");

        await ErrorAssert.IsErrorAsync(response, 405, "use POST");
    }

    [Test]
    public async Task ContentTypeWithCharset_IsAccepted()
    {
        using var content = ChatRequests.Json(ChatRequests.For(Samples.DataUrl("receipt.png")));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        using var response = await Server.Http.PostAsync("/v1/chat/completions", content);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
