using System.Text.Json;
using WireMock;
using WireMock.Logging;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>What the client sent, as a WireMock log entry saw it, with the body parsed.</summary>
internal static class RecordedRequest
{
    public static IRequestMessage Message(this ILogEntry entry) =>
        entry.RequestMessage ?? throw new AssertionException("the log entry has no request");

    public static string Header(this ILogEntry entry, string name) =>
        entry.Message().Headers is { } headers && headers.TryGetValue(name, out var values) ? string.Join(",", values) : "";

    public static bool HasHeader(this ILogEntry entry, string name) =>
        entry.Message().Headers?.ContainsKey(name) == true;

    public static byte[] Body(this ILogEntry entry) =>
        entry.Message().BodyAsBytes ?? throw new AssertionException("the request had no body");

    public static JsonElement BodyJson(this ILogEntry entry)
    {
        using var document = JsonDocument.Parse(entry.Body());
        return document.RootElement.Clone();
    }

    /// <summary>The URL of the image part of the user message.</summary>
    public static string ImageUrl(this ILogEntry entry) =>
        entry.BodyJson().GetProperty("messages")[1].GetProperty("content")[0].GetProperty("image_url").GetProperty("url").GetString()
            ?? throw new AssertionException("the image URL is null");
}
