using System.Text.Json;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// One scenario a test defined on the <see cref="ScriptedServer"/>: the base URL that reaches it, and what the server
/// saw of it (each call asks the server).
/// </summary>
internal sealed class ScriptedScenario(ScriptedServer server, string name)
{
    public string Name => name;

    /// <summary>A client with this base URL posts to NAME/v1/chat/completions, which the server answers with NAME.</summary>
    public string BaseUrl => $"{server.Url}/{name}";

    /// <summary>Requests received so far.</summary>
    public int Count() => server.Number($"count?scenario={name}");

    /// <summary>Answers the client cut short by closing or resetting the connection.</summary>
    public int Gone() => server.Number($"gone?scenario={name}");

    /// <summary>The most requests held at once, each counted until the first byte of its answer.</summary>
    public int MostAtOnce() => server.Number($"most_at_once?scenario={name}");

    /// <summary>Lets one of this scenario's holds (<c>"until": "release"</c>) go on, or the next one to start.</summary>
    public void Release() => server.Call(HttpMethod.Post, $"release?scenario={name}");

    /// <summary>The bodies of the requests received, in order.</summary>
    public IReadOnlyList<string> Bodies() =>
        [.. server.Json($"requests?scenario={name}").EnumerateArray().Select(r => r.GetProperty("body").GetString() ?? "")];
}
