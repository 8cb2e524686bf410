using System.Globalization;
using System.Text;
using System.Text.Json;
using DeepSeekOcr.Client.Grounding;
using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// Turns an <see cref="OcrRequest"/> into a <see cref="RequestBody"/>. The JSON is written by the source-generated
/// serializer with a unique marker where the image URL goes; the bytes on either side of the marker become the
/// prefix and suffix, so the image itself never has to be one string in memory.
/// </summary>
internal static class RequestBodyBuilder
{
    // Members the library writes itself; extra_body_json may not set them behind its back.
    private static readonly string[] ReservedMembers = ["model", "messages", "stream", "stream_options"];

    private static readonly JsonElement KeepSpecialTokens = JsonDocument.Parse("false").RootElement.Clone();

    /// <param name="names">What the caller calls the request's fields, for messages (default: C#'s names).</param>
    public static RequestBody Build(OcrRequest request, string model, bool stream, long maxImageBytes, OptionNames? names = null)
    {
        names ??= OptionNames.Managed;
        Validate(request, names);
        string prompt = ModePrompts.For(request.Mode, request.LocateText, names);
        prompt = request.Prompt ?? prompt;
        // Each image from a file or buffer is written in place of a unique marker, so that it is never one string.
        string marker = $"deepseek-ocr-image-{Guid.NewGuid():N}-";
        var images = new List<(string Marker, ImagePayload Payload)>();
        var parts = new List<ContentPart>();
        foreach (var source in request.AllImages)
        {
            string url;
            if (source is UrlImageSource urlSource)
            {
                url = urlSource.Url;
            }
            else
            {
                url = marker + images.Count.ToString(CultureInfo.InvariantCulture) + "-";
                images.Add((url, ImagePreparer.Prepare(source, maxImageBytes, names.MaxImageBytes)));
            }

            parts.Add(new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = url } });
        }

        var body = new ChatCompletionRequest
        {
            Model = model,
            Messages =
            [
                new ChatMessage { Role = "system", Content = ChatContent.FromText(prompt) },
                new ChatMessage
                {
                    Role = "user",
                    Content = ChatContent.FromParts(parts),
                },
            ],
            Stream = stream,
            StreamOptions = stream ? new StreamOptions { IncludeUsage = true } : null,
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            ResponseFormat = ParseJson(request.ResponseFormatJson, names.ResponseFormat, JsonValueKind.Object),
            Tools = ParseJson(request.ToolsJson, names.Tools, JsonValueKind.Array),
        };
        body.ExtraBody = ParseExtraBody(request.ExtraBodyJson, body, names.ExtraBody);
        if (ModePrompts.Grounds(request.Mode, prompt))
        {
            // vLLM's DeepSeek-OCR recipe: <|ref|>, <|det|> and <|grounding|> are special tokens, which a server drops
            // from the text unless told to keep them. extra_body_json may still set it either way.
            body.ExtraBody ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            body.ExtraBody.TryAdd("skip_special_tokens", KeepSpecialTokens);
        }

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(body, ProtocolJsonContext.Default.ChatCompletionRequest);
        if (images.Count == 0)
        {
            return new RequestBody(json, []);
        }

        // The markers are in the JSON in the order the images were added; each segment before an image ends with the
        // data: URL's head, which names that image's MIME type.
        var segments = new List<byte[]>();
        var bodyImages = new List<RequestBodyImage>();
        int from = 0;
        foreach (var (imageMarker, payload) in images)
        {
            int at = from + json.AsSpan(from).IndexOf(Encoding.UTF8.GetBytes(imageMarker));
            segments.Add([.. json.AsSpan(from, at - from), .. Encoding.UTF8.GetBytes($"data:{payload.MimeType};base64,")]);
            from = at + imageMarker.Length;
        }

        for (int index = 0; index < images.Count; index++)
        {
            byte[] following = index + 1 < images.Count ? segments[index + 1] : json.AsSpan(from).ToArray();
            bodyImages.Add(new RequestBodyImage(images[index].Payload, following));
        }

        return new RequestBody(segments[0], bodyImages);
    }

    private static void Validate(OcrRequest request, OptionNames names)
    {
        // Negated comparisons so that NaN and infinities fail too.
        if (request.MaxTokens is { } maxTokens && maxTokens < 1)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{names.MaxTokens} must be positive{names.CountUnset}, not {maxTokens}");
        }

        if (request.Temperature is { } temperature && !(temperature >= 0 && temperature <= 2))
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{names.Temperature} must be between 0 and 2{names.NumberUnset}, not {temperature}");
        }

        if (request.TopP is { } topP && !(topP >= 0 && topP <= 1))
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{names.TopP} must be between 0 and 1{names.NumberUnset}, not {topP}");
        }
    }

    private static JsonElement? ParseJson(string? json, string field, JsonValueKind kind)
    {
        if (json is null)
        {
            return null;
        }

        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{field} is not valid JSON: {e.Message}", innerException: e);
        }

        if (element.ValueKind != kind)
        {
            throw new OcrException(OcrStatus.InvalidArgument, $"{field} must be a JSON {(kind == JsonValueKind.Object ? "object" : "array")}, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }

        return element;
    }

    private static Dictionary<string, JsonElement>? ParseExtraBody(string? json, ChatCompletionRequest body, string field)
    {
        if (ParseJson(json, field, JsonValueKind.Object) is not { } extra)
        {
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in extra.EnumerateObject())
        {
            if (ReservedMembers.Contains(member.Name) || IsSetByRequest(member.Name, body))
            {
                throw new OcrException(OcrStatus.InvalidArgument, $"{field} sets '{member.Name}', which the request already sets");
            }

            members[member.Name] = member.Value;
        }

        return members;
    }

    private static bool IsSetByRequest(string name, ChatCompletionRequest body) => name switch
    {
        "max_tokens" => body.MaxTokens is not null,
        "temperature" => body.Temperature is not null,
        "top_p" => body.TopP is not null,
        "response_format" => body.ResponseFormat is not null,
        "tools" => body.Tools is not null,
        _ => false,
    };
}
