using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Api;
using DeepSeekOcr.Server.Rendering;

namespace DeepSeekOcr.Server.Completions;

/// <summary>
/// Checks a chat completion request the way the hosted service does and reduces it to an <see cref="OcrJob"/>:
/// one or more images (image_url parts of user messages, read in order), the prompt from the system and text parts.
/// Sampling options are accepted and range-checked; OCR is deterministic, so they change nothing.
/// </summary>
public static class ChatRequestValidator
{
    private const string MaxCompletionTokens = "max_completion_tokens";

    private static readonly string[] KnownRoles = ["system", "developer", "user", "assistant"];

    public static OcrJob Validate(ChatCompletionRequest request, string servedModel)
    {
        if (string.IsNullOrEmpty(request.Model))
        {
            throw ApiErrors.BadRequest("'model' is required", "model");
        }

        if (request.Model != servedModel)
        {
            throw ApiErrors.NotFound($"the model '{request.Model}' does not exist; this server serves '{servedModel}'", "model", "model_not_found");
        }

        if (request.Temperature is double temperature && !(temperature >= 0 && temperature <= 2))
        {
            throw ApiErrors.BadRequest($"'temperature' must be from 0 to 2, not {temperature}", "temperature");
        }

        if (request.TopP is double topP && !(topP >= 0 && topP <= 1))
        {
            throw ApiErrors.BadRequest($"'top_p' must be from 0 to 1, not {topP}", "top_p");
        }

        var maxTokens = MaxOutputTokens(request);
        var jsonObject = WantsJsonObject(request.ResponseFormat);

        if (request.Tools is { ValueKind: not JsonValueKind.Array and not JsonValueKind.Null })
        {
            throw ApiErrors.BadRequest("'tools' must be an array", "tools");
        }

        var (imageUrls, prompt) = ReadMessages(request.Messages);
        return new OcrJob(
            request.Model,
            imageUrls,
            prompt,
            PromptInterpreter.ModeFor(prompt),
            maxTokens,
            request.Stream,
            request.StreamOptions?.IncludeUsage ?? false,
            jsonObject);
    }

    /// <summary>
    /// The output cap: <c>max_completion_tokens</c> (OpenAI's current name, the only one the .NET SDK sends) or
    /// <c>max_tokens</c> (the older one); both may be given only if they agree.
    /// </summary>
    private static int? MaxOutputTokens(ChatCompletionRequest request)
    {
        int? completionTokens = null;
        if (request.ExtraBody?.TryGetValue(MaxCompletionTokens, out var value) == true && value.ValueKind != JsonValueKind.Null)
        {
            completionTokens = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : throw ApiErrors.BadRequest($"'{MaxCompletionTokens}' must be a whole number", MaxCompletionTokens);
        }

        foreach (var (name, limit) in new[] { ("max_tokens", request.MaxTokens), (MaxCompletionTokens, completionTokens) })
        {
            if (limit is < 1)
            {
                throw ApiErrors.BadRequest($"'{name}' must be at least 1, not {limit}", name);
            }
        }

        if (request.MaxTokens is int maxTokens && completionTokens is int maxCompletion && maxTokens != maxCompletion)
        {
            throw ApiErrors.BadRequest(
                $"'max_tokens' ({maxTokens}) and '{MaxCompletionTokens}' ({maxCompletion}) disagree; send one of them", MaxCompletionTokens);
        }

        return completionTokens ?? request.MaxTokens;
    }

    /// <summary>True for <c>{"type":"json_object"}</c>; <c>text</c> (or none) is the default; other types are refused.</summary>
    private static bool WantsJsonObject(JsonElement? responseFormat)
    {
        if (responseFormat is not { ValueKind: not JsonValueKind.Null } format)
        {
            return false;
        }

        if (format.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.BadRequest("'response_format' must be an object, e.g. {\"type\":\"text\"}", "response_format");
        }

        var type = format.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
        return type switch
        {
            null or "text" => false,
            "json_object" => true,
            _ => throw ApiErrors.BadRequest(
                $"'response_format.type' must be \"text\" or \"json_object\", not '{type}'", "response_format"),
        };
    }

    private static (IReadOnlyList<string> ImageUrls, string Prompt) ReadMessages(List<ChatMessage>? messages)
    {
        if (messages is not { Count: > 0 })
        {
            throw ApiErrors.BadRequest("'messages' must hold at least one message", "messages");
        }

        var images = new List<string>();
        var prompt = new List<string>();
        foreach (var message in messages)
        {
            if (!KnownRoles.Contains(message.Role))
            {
                throw ApiErrors.BadRequest($"unknown message role '{message.Role}'; expected one of {string.Join(", ", KnownRoles)}", "messages");
            }

            if (message.Role == "assistant")
            {
                continue;
            }

            if (message.Content?.Text is { } text)
            {
                prompt.Add(text);
            }

            foreach (var part in message.Content?.Parts ?? [])
            {
                switch (part.Type)
                {
                    case "text":
                        prompt.Add(part.Text ?? "");
                        break;
                    case "image_url" when message.Role == "user":
                        images.Add(part.ImageUrl?.Url is { Length: > 0 } url
                            ? url
                            : throw ApiErrors.BadRequest("an image_url part needs {\"image_url\":{\"url\":...}}", "messages"));
                        break;
                    case "image_url":
                        throw ApiErrors.BadRequest("images belong in a user message", "messages");
                    default:
                        throw ApiErrors.BadRequest($"unsupported content part type '{part.Type}'; expected text or image_url", "messages");
                }
            }
        }

        return images.Count > 0
            ? (images, string.Join('\n', prompt))
            : throw ApiErrors.BadRequest(
                "the request has no image: add a user content part {\"type\":\"image_url\",\"image_url\":{\"url\":...}}", "messages", "missing_image");
    }
}
