using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// Checks an OpenAI-style error answer: the status, {"error":{message,type,param,code}} with param and code always
/// present (null when there is none, as OpenAI sends them), no stack trace, no .NET type names or JSON paths.
/// </summary>
public static class ErrorAssert
{
    public static async Task<ApiError> IsErrorAsync(HttpResponseMessage response, int status, string messagePart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception name");
        Assert.That(body, Does.Not.Contain("System.").And.Not.Contain("DeepSeekOcr.").And.Not.Contain("$."), "no .NET internals");
        using (var document = JsonDocument.Parse(body))
        {
            var members = document.RootElement.GetProperty("error").EnumerateObject().Select(member => member.Name).ToList();
            Assert.That(members, Is.SupersetOf(new[] { "message", "type", "param", "code" }), body);
        }

        var error = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ErrorResponse)!.Error!;
        Assert.That(error.Type, Is.EqualTo(status switch
        {
            >= 500 => "server_error",
            429 => "requests",
            _ => "invalid_request_error",
        }));
        Assert.That(error.Message, Does.Contain(messagePart).IgnoreCase);
        return error;
    }
}
