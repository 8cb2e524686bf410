using DeepSeekOcr.Client.Images;
using DeepSeekOcr.Client.Tests.Support;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;

namespace DeepSeekOcr.Client.Tests.Images;

/// <summary>
/// An image file is read again for each try. One that is deleted or cut short between tries is an I/O failure
/// that names the file: not a network failure, and not retried.
/// </summary>
public sealed class ImageFileChangeTests : MockServerWithFilesFixture
{
    [TestCase("deleted", "cannot be read any more")]
    [TestCase("truncated", "became shorter")]
    public async Task RecognizeAsync_FileChangesBeforeARetry_FailsWithIoWithoutFurtherTries(string change, string message)
    {
        string path = Files.Write("page.png", TestImages.PngOfLength(100_000));
        // The first answer asks for a retry right away, after changing the file behind the client's back.
        Mock.ReplyInTurn(
            Response.Create().WithCallback(_ =>
            {
                if (change == "deleted")
                {
                    File.Delete(path);
                }
                else
                {
                    File.WriteAllBytes(path, TestImages.Png);
                }

                return new ResponseMessage
                {
                    StatusCode = 503,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Retry-After"] = new("0") },
                };
            }),
            MockServer.Json(Answers.Completion("must not be reached")));
        using var client = new OcrClient(TestClients.Options(Mock.BaseUrl) with { MaxRetries = 3 });

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(new OcrRequest { Image = ImageSource.FromFile(path) }));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Io));
        Assert.That(e.Message, Does.Contain(path).And.Contain(message));
        Assert.That(Mock.Requests, Has.Count.EqualTo(1));
    }
}
