using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>Builds requests with the shared wire types, as the client library does.</summary>
public static class ChatRequests
{
    public const string FreeOcr = "<image>\nFree OCR.";
    public const string MarkdownPlain = "<image>\nConvert the document to markdown.";
    public const string Grounding = "<image>\n<|grounding|>OCR this image.";

    public static ChatCompletionRequest For(string imageUrl, string prompt = FreeOcr) => new()
    {
        Model = "deepseek-ocr",
        Messages =
        [
            new ChatMessage { Role = "system", Content = ChatContent.FromText(prompt) },
            new ChatMessage
            {
                Role = "user",
                Content = ChatContent.FromParts([new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = imageUrl } }]),
            },
        ],
    };

    public static HttpContent Json(ChatCompletionRequest request) =>
        new StringContent(JsonSerializer.Serialize(request, ProtocolJsonContext.Default.ChatCompletionRequest), Encoding.UTF8, "application/json");

    public static HttpContent RawJson(string json) =>
        new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static Task<ChatCompletionResponse> CompleteAsync(HttpClient http, ChatCompletionRequest request) => CompleteAsync(http, Json(request));

    /// <summary>Posts the body, asserts 200 (showing the body if not) and reads the answer.</summary>
    public static async Task<ChatCompletionResponse> CompleteAsync(HttpClient http, HttpContent content)
    {
        using var response = await http.PostAsync("/v1/chat/completions", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ChatCompletionResponse)!;
    }

    public static async Task<string> ContentAsync(HttpClient http, ChatCompletionRequest request) =>
        (await CompleteAsync(http, request)).Choices![0].Message!.Content!;
}
