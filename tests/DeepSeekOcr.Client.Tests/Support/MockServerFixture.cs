namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// One WireMock server per test class (starting one costs more than most tests take), emptied of stubs and
/// logged requests before each test.
/// </summary>
public abstract class MockServerFixture
{
    private MockServer? _mock;

    internal MockServer Mock => _mock ?? throw new InvalidOperationException("the server is not running");

    [OneTimeSetUp]
    public void StartServer() => _mock = MockServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _mock?.Dispose();

    [SetUp]
    public void ResetServer() => Mock.Server.Reset();
}
