using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>Checks an OpenAI-style error answer: the status, {"error":{message,type}}, and no stack trace.</summary>
public static class ErrorAssert
{
    public static async Task<ApiError> IsErrorAsync(HttpResponseMessage response, int status, string messagePart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception name");
        var error = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ErrorResponse)!.Error!;
        Assert.That(error.Type, Is.EqualTo(status >= 500 ? "server_error" : "invalid_request_error"));
        Assert.That(error.Message, Does.Contain(messagePart).IgnoreCase);
        return error;
    }
}
