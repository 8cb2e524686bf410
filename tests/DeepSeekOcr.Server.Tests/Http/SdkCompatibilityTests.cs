using System.Net;
using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// The request forms OpenAI's SDKs send, over plain HTTP: max_completion_tokens, "stream": null, model retrieval,
/// HEAD /health, JSON mode, and malformed JSON explained in plain words.
/// </summary>
[TestFixture]
public sealed class SdkCompatibilityTests : ServerProcessFixture
{

    [Test]
    public async Task MaxCompletionTokens_CutsTheAnswer()
    {
        var response = await CompleteAsync(WithMembers("\"max_completion_tokens\": 3"));

        Assert.That(response.Choices![0].FinishReason, Is.EqualTo("length"));
        Assert.That(response.Usage!.CompletionTokens, Is.EqualTo(3));
        Assert.That(response.Choices[0].Message!.Content, Is.EqualTo("CORNER BAKERY\n12"));
    }

    [Test]
    public async Task MaxTokensAndMaxCompletionTokens_Agreeing_AreServed()
    {
        var response = await CompleteAsync(WithMembers("\"max_tokens\": 2, \"max_completion_tokens\": 2"));

        Assert.That(response.Usage!.CompletionTokens, Is.EqualTo(2));
    }

    [Test]
    public async Task MaxTokensAndMaxCompletionTokens_Disagreeing_Is400NamingBoth()
    {
        using var response = await PostAsync(WithMembers("\"max_tokens\": 2, \"max_completion_tokens\": 5"));

        var error = await ErrorAssert.IsErrorAsync(response, 400, "'max_tokens' (2) and 'max_completion_tokens' (5)");
        Assert.That(error.Param, Is.EqualTo("max_completion_tokens"));
    }

    [TestCase("0")]
    [TestCase("\"ten\"")]
    [TestCase("2.5")]
    public async Task MaxCompletionTokens_OutOfRangeOrNotAWholeNumber_Is400(string value)
    {
        using var response = await PostAsync(WithMembers($"\"max_completion_tokens\": {value}"));

        var error = await ErrorAssert.IsErrorAsync(response, 400, "max_completion_tokens");
        Assert.That(error.Param, Is.EqualTo("max_completion_tokens"));
    }

    [Test]
    public async Task StreamNull_IsAnOrdinaryAnswer()
    {
        var response = await CompleteAsync(WithMembers("\"stream\": null, \"stream_options\": null"));

        Assert.That(response.Object, Is.EqualTo("chat.completion"));
        Assert.That(response.Choices![0].Message!.Content, Does.StartWith("CORNER BAKERY"));
    }

    [Test]
    public async Task GetModel_ServedModel_IsTheModelObject()
    {
        using var response = await Server.Http.GetAsync("/v1/models/deepseek-ocr");

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var document = JsonDocument.Parse(body);
        Assert.That(document.RootElement.GetProperty("id").GetString(), Is.EqualTo("deepseek-ocr"));
        Assert.That(document.RootElement.GetProperty("object").GetString(), Is.EqualTo("model"));
        Assert.That(document.RootElement.GetProperty("created").GetInt64(), Is.GreaterThan(0));
        Assert.That(document.RootElement.GetProperty("owned_by").GetString(), Is.Not.Empty);
    }

    [TestCase("gpt-4o")]
    [TestCase("deepseek-ai/DeepSeek-OCR")]
    public async Task GetModel_OtherModel_Is404ModelNotFound(string id)
    {
        using var response = await Server.Http.GetAsync("/v1/models/" + id);

        var error = await ErrorAssert.IsErrorAsync(response, 404, id);
        Assert.That(error.Code?.GetString(), Is.EqualTo("model_not_found"));
        Assert.That(error.Param, Is.EqualTo("model"));
    }

    [Test]
    public async Task HeadHealth_Is200WithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/health");
        using var response = await Server.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task JsonObjectFormat_AnswersAJsonObjectWithTextAndRegions()
    {
        var content = (await CompleteAsync(WithMembers("\"response_format\": {\"type\": \"json_object\"}"))).Choices![0].Message!.Content!;

        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        Assert.That(root.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(root.GetProperty("text").GetString(), Does.StartWith("CORNER BAKERY\n12 Mill Street"));
        var regions = root.GetProperty("regions").EnumerateArray().ToList();
        Assert.That(regions, Is.Not.Empty);
        Assert.That(regions[0].GetProperty("text").GetString(), Is.EqualTo("CORNER BAKERY"));
        var box = regions[0].GetProperty("box").EnumerateArray().Select(value => value.GetInt32()).ToList();
        Assert.That(box, Has.Count.EqualTo(4));
        Assert.That(box, Has.All.InRange(0, 999));
        Assert.That(box[0] < box[2] && box[1] < box[3], Is.True, string.Join(", ", box));
    }

    [Test]
    public async Task UnknownResponseFormatType_Is400()
    {
        using var response = await PostAsync(WithMembers("\"response_format\": {\"type\": \"yaml\"}"));

        var error = await ErrorAssert.IsErrorAsync(response, 400, "json_object");
        Assert.That(error.Param, Is.EqualTo("response_format"));
    }

    [TestCase("""{"model":"deepseek-ocr","temperature":"hot","messages":[]}""", "'temperature' must be a number", "temperature")]
    [TestCase("""{"model":"deepseek-ocr","stream":"yes","messages":[]}""", "'stream' must be true or false", "stream")]
    [TestCase("""{"model":"deepseek-ocr","max_tokens":1.5,"messages":[]}""", "'max_tokens' must be a whole number", "max_tokens")]
    [TestCase("""{"model":"deepseek-ocr","messages":{}}""", "'messages' must be an array", "messages")]
    [TestCase(
        """{"model":"deepseek-ocr","messages":[{"role":"user","content":[{"type":"text","text":"Free OCR."},{"type":"image_url","image_url":"data:x"}]}]}""",
        "'messages[0].content[1].image_url' must be an object like {\"url\"",
        "messages[0].content[1].image_url")]
    [TestCase("""[{"model":"deepseek-ocr"}]""", "the request body must be a JSON object", null)]
    public async Task WrongJsonType_IsNamedInPlainWords(string body, string message, string? param)
    {
        using var response = await PostAsync(body);

        var error = await ErrorAssert.IsErrorAsync(response, 400, message);
        Assert.That(error.Param, Is.EqualTo(param));
        Assert.That(error.Message, Does.Not.Contain("$[").And.Not.Contain("`1"));
    }

    /// <summary>A request for the receipt as raw JSON with the given members added (the wire types cannot say "stream": null).</summary>
    private static string WithMembers(string members)
    {
        var json = JsonSerializer.Serialize(ChatRequests.For(Samples.DataUrl("receipt.png")), ProtocolJsonContext.Default.ChatCompletionRequest);
        return json[..^1] + ", " + members + "}";
    }

    private Task<HttpResponseMessage> PostAsync(string json) => Server.Http.PostAsync("/v1/chat/completions", ChatRequests.RawJson(json));

    private Task<ChatCompletionResponse> CompleteAsync(string json) => ChatRequests.CompleteAsync(Server.Http, ChatRequests.RawJson(json));
}
