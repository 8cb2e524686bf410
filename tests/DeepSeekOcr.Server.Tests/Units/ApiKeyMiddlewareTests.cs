using DeepSeekOcr.Server.Api;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>The key comparison (constant time, over SHA-256 of both sides) accepts the key and nothing else.</summary>
[TestFixture]
public sealed class ApiKeyMiddlewareTests
{
    private const string Key = "sk-local-test-key-5f1e";

    [Test]
    public void TheKey_Matches() => Assert.That(new ApiKeyMiddleware(Key).Matches(Key), Is.True);

    [TestCase("")]
    [TestCase("sk-local-test-key-5f1")]
    [TestCase("sk-local-test-key-5f1e0")]
    [TestCase("sk-local-test-key-5f1E")]
    [TestCase("xk-local-test-key-5f1e")]
    public void AnythingElse_DoesNotMatch(string presented) =>
        Assert.That(new ApiKeyMiddleware(Key).Matches(presented), Is.False);
}
