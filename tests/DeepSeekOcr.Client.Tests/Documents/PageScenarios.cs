using System.Text.Json.Nodes;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Documents;

/// <summary>Scenarios for the scripted server that answer each request by the page of <see cref="SamplePdf"/> it carries.</summary>
internal static class PageScenarios
{
    /// <summary>Answers each page as <paramref name="answer"/> says (page 0: none of the sample's pages).</summary>
    public static JsonObject ByPage(Func<int, JsonNode> answer)
    {
        var pages = new JsonObject();
        for (int page = 1; page <= SamplePdf.Sizes.Length; page++)
        {
            pages[SamplePdf.Marker(page)] = answer(page);
        }

        return new JsonObject { ["when_body_has"] = pages, ["otherwise"] = answer(0) };
    }

    /// <summary>A whole answer: for 200, a completion with <paramref name="text"/>; else an error with it as its message.</summary>
    public static JsonObject Answer(int status, string text) => Scenarios.Json(Body(status, text), status);

    /// <summary>The same answer, sent only once the test releases the scenario.</summary>
    public static JsonObject Held(int status, string text)
    {
        string body = Body(status, text);
        return Scenarios.Steps(Scenarios.HoldUntilRelease(
            Scenarios.Raw(Scenarios.Head(status, "application/json", System.Text.Encoding.UTF8.GetByteCount(body)) + body)));
    }

    private static string Body(int status, string text) =>
        status == 200 ? Answers.Completion(text) : $$"""{"error":{"message":"{{text}}","type":"server_error"} }""";
}
