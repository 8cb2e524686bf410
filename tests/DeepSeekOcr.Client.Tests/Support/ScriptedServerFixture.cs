namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// One scripted server process per test class, as <see cref="MockServerFixture"/> has one WireMock server: starting
/// Python costs more than most tests take, and each test defines its scenarios under names of its own, so tests
/// never see each other's. The process is killed after the class (and dies anyway when the test run's pipe closes).
/// </summary>
public abstract class ScriptedServerFixture
{
    private ScriptedServer? _server;

    internal ScriptedServer Server => _server ?? throw new InvalidOperationException("the scripted server is not running");

    [OneTimeSetUp]
    public async Task StartScriptedServerAsync() => _server = await ScriptedServer.StartAsync();

    [OneTimeTearDown]
    public void StopScriptedServer() => _server?.Dispose();
}
