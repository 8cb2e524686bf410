namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// One real server process per test class, started with the class's arguments: a start costs seconds, far more than
/// most tests take, so the tests of a class share it.
/// </summary>
public abstract class ServerProcessFixture(params string[] serverArguments)
{
    private ServerProcess? _server;

    internal ServerProcess Server => _server ?? throw new InvalidOperationException("the server is not running");

    [OneTimeSetUp]
    public void StartServer() => _server = ServerProcess.Start(serverArguments);

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();
}
