namespace DeepSeekOcr.Client.Tests.Errors;

/// <summary>The one mapping from what went wrong to a status, which the client, the stream and the exports share.</summary>
public sealed class OcrFailuresTests
{
    [TestCase(400, OcrStatus.Http)]
    [TestCase(401, OcrStatus.Auth)]
    [TestCase(403, OcrStatus.Auth)]
    [TestCase(404, OcrStatus.Http)]
    [TestCase(429, OcrStatus.RateLimited)]
    [TestCase(500, OcrStatus.Server)]
    [TestCase(503, OcrStatus.Server)]
    [TestCase(307, OcrStatus.Http)]
    public void ForHttpStatus_MapsEachClassOfAnswer(int httpStatus, OcrStatus expected) =>
        Assert.That(OcrFailures.ForHttpStatus(httpStatus), Is.EqualTo(expected));

    [Test]
    public void Unforeseen_AnExceptionOfNoKnownKind_IsInternalWithItsTypeAndMessage()
    {
        var e = OcrFailures.Unforeseen(new InvalidOperationException("a bug"));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Internal));
        Assert.That(e.Message, Is.EqualTo("internal error: InvalidOperationException: a bug"));
    }

    [Test]
    public void Unforeseen_AnOcrException_IsKeptAsItIs()
    {
        var original = new OcrException(OcrStatus.Io, "gone", 0);

        Assert.That(OcrFailures.Unforeseen(original), Is.SameAs(original));
    }

    [Test]
    public void Carried_AnOcrExceptionWrappedByTheHttpStack_IsFound()
    {
        var original = new OcrException(OcrStatus.Io, "the image file shrank");

        Assert.That(OcrFailures.Carried(new HttpRequestException("send failed", new IOException("copy", original))), Is.SameAs(original));
    }
}
