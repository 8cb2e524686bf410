using System.Text;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// A WireMock.Net server bound to 127.0.0.1 only, with shortcuts for the answers a Chat Completions endpoint gives
/// and for reading back exactly what the client sent.
/// </summary>
internal sealed class MockServer : IDisposable
{
    public const string CompletionsPath = "/v1/chat/completions";

    private MockServer(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public string BaseUrl => $"http://127.0.0.1:{Server.Port}";

    public IReadOnlyList<ILogEntry> Requests => [.. Server.LogEntries];

    public static MockServer Start()
    {
        // Ports are picked by the OS; a race with another process taking it first is retried a few times.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPorts.Unused()}"] });
                return new MockServer(server);
            }
            catch (Exception) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Answers every POST to <paramref name="path"/> with <paramref name="response"/>.</summary>
    public void Reply(IResponseBuilder response, string path = CompletionsPath) =>
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);

    /// <summary>Answers the n-th POST with the n-th response, and every later one with the last.</summary>
    public void ReplyInTurn(params IResponseBuilder[] responses)
    {
        const string scenario = "in-turn";
        for (int i = 0; i < responses.Length; i++)
        {
            var given = Server.Given(Request.Create().WithPath(CompletionsPath).UsingPost()).InScenario(scenario);
            if (i > 0)
            {
                given = given.WhenStateIs($"step-{i}");
            }

            if (i < responses.Length - 1)
            {
                given = given.WillSetStateTo($"step-{i + 1}");
            }

            given.RespondWith(responses[i]);
        }
    }

    public static IResponseBuilder Json(string json, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(Encoding.UTF8.GetBytes(json));

    public static IResponseBuilder EventStream(string body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(Encoding.UTF8.GetBytes(body));

    public static IResponseBuilder Error(int status, string message, string type = "invalid_request_error") =>
        Json($$"""{"error":{"message":"{{message}}","type":"{{type}}","param":null,"code":null} }""", status);

    public void Dispose() => Server.Stop();
}
