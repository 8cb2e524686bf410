using System.Net.Http.Headers;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>With --api-key, requests need the bearer token; the key never appears in an answer.</summary>
[TestFixture]
public sealed class AuthTests() : ServerProcessFixture("--api-key", ApiKey)
{
    private const string ApiKey = "sk-local-test-key-5f1e";


    [Test]
    public async Task RightToken_IsServed()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("receipt.png")));

        Assert.That(content, Does.StartWith("CORNER BAKERY"));
    }

    [Test]
    public async Task MissingToken_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseUrl };

        using var response = await anonymous.PostAsync("/v1/chat/completions", ChatRequests.Json(ChatRequests.For(Samples.DataUrl("receipt.png"))));

        var error = await ErrorAssert.IsErrorAsync(response, 401, "missing API key");
        Assert.That(error.Code?.GetString(), Is.EqualTo("invalid_api_key"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task WrongToken_Is401AndEchoesNoKey()
    {
        using var wrong = new HttpClient { BaseAddress = Server.BaseUrl };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey + "-wrong");

        using var response = await wrong.GetAsync("/v1/models");

        await ErrorAssert.IsErrorAsync(response, 401, "incorrect API key");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(ApiKey));
    }

    [TestCase("sk-local-test-key-5f1")]
    [TestCase("sk-local-test-key-5f1ef")]
    [TestCase("x")]
    public async Task PrefixOrLongerOrShorterToken_Is401(string token)
    {
        using var wrong = new HttpClient { BaseAddress = Server.BaseUrl };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await wrong.GetAsync("/v1/models");

        await ErrorAssert.IsErrorAsync(response, 401, "incorrect API key");
    }

    [Test]
    public async Task ModelsNeedTheToken()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseUrl };

        using var response = await anonymous.GetAsync("/v1/models");

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task HealthNeedsNoToken()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseUrl };

        using var response = await anonymous.GetAsync("/health");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
