namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// Runs a call that must fail with an <see cref="OcrException"/> and returns it. Every failure checked this way is
/// also checked for the API key: it must not appear in the message of the exception or of anything it wraps, nor in
/// the server's error object or request id it carries.
/// </summary>
internal static class Expect
{
    public static async Task<OcrException> FailureAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (OcrException e)
        {
            AssertNoSecret(e);
            return e;
        }

        throw new AssertionException("the call succeeded; an OcrException was expected");
    }

    public static OcrException Failure(Action call)
    {
        try
        {
            call();
        }
        catch (OcrException e)
        {
            AssertNoSecret(e);
            return e;
        }

        throw new AssertionException("the call succeeded; an OcrException was expected");
    }

    private static void AssertNoSecret(OcrException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            Assert.That(inner.Message, Does.Not.Contain(TestClients.ApiKey), "the API key leaked into an exception message");
        }

        Assert.That(e.ToString(), Does.Not.Contain(TestClients.ApiKey), "the API key leaked into an exception's text");
        string?[] details = [e.RequestId, e.ServerError?.Message, e.ServerError?.Type, e.ServerError?.Param, e.ServerError?.Code];
        Assert.That(details.OfType<string>(), Has.None.Contains(TestClients.ApiKey), "the API key leaked into the failure's details");
    }
}
