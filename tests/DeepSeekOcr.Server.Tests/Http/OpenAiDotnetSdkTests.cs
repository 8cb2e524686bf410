using System.ClientModel;
using System.Text;
using System.Text.Json;
using DeepSeekOcr.Server.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>
/// The official OpenAI .NET SDK against the server, with a custom endpoint, as its users would point it at the
/// hosted service: whole and streamed answers, its max output tokens (sent as max_completion_tokens), model
/// retrieval, JSON mode and its error type.
/// </summary>
[TestFixture]
public sealed class OpenAiDotnetSdkTests : ServerProcessFixture
{
    private OpenAIClientOptions _options = null!;

    [OneTimeSetUp]
    public void CreateOptions() =>
        _options = new OpenAIClientOptions { Endpoint = new Uri(Server.BaseUrl, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(60) };

    [Test]
    public async Task CompleteChat_ReadsTheReceipt()
    {
        ChatCompletion completion = await Chat().CompleteChatAsync(ReceiptMessages());

        Assert.That(completion.Content[0].Text, Does.StartWith("CORNER BAKERY\n12 Mill Street"));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(completion.Role, Is.EqualTo(ChatMessageRole.Assistant));
        Assert.That(completion.Model, Is.EqualTo("deepseek-ocr"));
        Assert.That(completion.Usage.InputTokenCount, Is.GreaterThan(256));
        Assert.That(completion.Usage.OutputTokenCount, Is.GreaterThan(10));
    }

    [Test]
    public async Task CompleteChat_MaxOutputTokens_CutsTheAnswer()
    {
        ChatCompletion completion = await Chat().CompleteChatAsync(ReceiptMessages(), new ChatCompletionOptions { MaxOutputTokenCount = 3 });

        Assert.That(completion.Content[0].Text, Is.EqualTo("CORNER BAKERY\n12"));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(completion.Usage.OutputTokenCount, Is.EqualTo(3));
    }

    [Test]
    public async Task CompleteChatStreaming_GivesTheSameTextAndUsage()
    {
        var whole = (await Chat().CompleteChatAsync(ReceiptMessages())).Value.Content[0].Text;
        var text = new StringBuilder();
        ChatFinishReason? finishReason = null;
        ChatTokenUsage? usage = null;

        await foreach (var update in Chat().CompleteChatStreamingAsync(ReceiptMessages()))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finishReason ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.That(text.ToString(), Is.EqualTo(whole));
        Assert.That(finishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(usage?.OutputTokenCount, Is.GreaterThan(10));
    }

    [Test]
    public async Task CompleteChatStreaming_MaxOutputTokens_EndsWithLength()
    {
        var text = new StringBuilder();
        ChatFinishReason? finishReason = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync(ReceiptMessages(), new ChatCompletionOptions { MaxOutputTokenCount = 3 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finishReason ??= update.FinishReason;
        }

        Assert.That(text.ToString(), Is.EqualTo("CORNER BAKERY\n12"));
        Assert.That(finishReason, Is.EqualTo(ChatFinishReason.Length));
    }

    [Test]
    public async Task CompleteChat_JsonObjectFormat_AnswersJson()
    {
        var chatOptions = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };

        ChatCompletion completion = await Chat().CompleteChatAsync(ReceiptMessages(), chatOptions);

        using var document = JsonDocument.Parse(completion.Content[0].Text);
        Assert.That(document.RootElement.GetProperty("text").GetString(), Does.StartWith("CORNER BAKERY"));
        Assert.That(document.RootElement.GetProperty("regions").GetArrayLength(), Is.GreaterThan(5));
    }

    [Test]
    public void CompleteChat_UnknownModel_IsAClientResultExceptionWith404()
    {
        var chat = new ChatClient("gpt-4o", new ApiKeyCredential("unused"), _options);

        var error = Assert.ThrowsAsync<ClientResultException>(async () => await chat.CompleteChatAsync(ReceiptMessages()));

        Assert.That(error!.Status, Is.EqualTo(404));
        Assert.That(error.Message, Does.Contain("gpt-4o"));
    }

    [Test]
    public async Task GetModel_ServedModel_IsReturned()
    {
        OpenAIModel model = await Models().GetModelAsync("deepseek-ocr");

        Assert.That(model.Id, Is.EqualTo("deepseek-ocr"));
        Assert.That(model.OwnedBy, Is.Not.Empty);
    }

    [Test]
    public async Task GetModels_ListsTheServedModel()
    {
        OpenAIModelCollection models = await Models().GetModelsAsync();

        Assert.That(models.Select(model => model.Id), Is.EqualTo(new[] { "deepseek-ocr" }));
    }

    [Test]
    public void GetModel_OtherModel_Is404()
    {
        var error = Assert.ThrowsAsync<ClientResultException>(async () => await Models().GetModelAsync("gpt-4o"));

        Assert.That(error!.Status, Is.EqualTo(404));
    }

    private static List<ChatMessage> ReceiptMessages() =>
    [
        new SystemChatMessage(ChatRequests.FreeOcr),
        new UserChatMessage(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(Samples.Bytes("receipt.png")), "image/png")),
    ];

    private ChatClient Chat() => new("deepseek-ocr", new ApiKeyCredential("unused"), _options);

    private OpenAIModelClient Models() => new(new ApiKeyCredential("unused"), _options);
}
