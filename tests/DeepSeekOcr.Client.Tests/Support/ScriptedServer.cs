using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// The scripted test server every suite shares (tests/server/scripted_server.py, see tests/server/README.md), run
/// as a process, for what WireMock cannot send: stalls, trickles, resets, bodies cut short. A test defines what it
/// answers as a scenario (JSON) through the server's control API and reads back what it received the same way.
/// Every wait is bounded: a missing python3 or script, or a server that never says its port, fails at once.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private const string Script = "tests/server/scripted_server.py";
    private const string RepositoryMarker = "DeepSeekOcr.Native.sln";
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ControlPatience = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly HttpClient _control;
    private readonly StringBuilder _errors;
    private int _defined;

    private ScriptedServer(Process process, int port, StringBuilder errors)
    {
        _process = process;
        _errors = errors;
        Url = $"http://127.0.0.1:{port}";
        // No proxy: the control requests go to loopback whatever the environment says.
        _control = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"{Url}/_control/"), Timeout = ControlPatience };
    }

    public string Url { get; }

    public static async Task<ScriptedServer> StartAsync()
    {
        string script = Path.Combine(RepositoryRoot(), Script);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"the scripted test server is missing: {script}");
        }

        string python = OnPath("python3")
            ?? throw new InvalidOperationException($"python3 is not on PATH; the scripted test server ({Script}) needs it");
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true, // the server serves until this closes, so it dies with the test run
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{python} {script} did not start");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();

        string? first;
        try
        {
            first = await process.StandardOutput.ReadLineAsync().WaitAsync(StartPatience);
        }
        catch (TimeoutException)
        {
            first = null;
        }

        if (first is null || !first.StartsWith("port ", StringComparison.Ordinal)
            || !int.TryParse(first.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            Stop(process);
            throw new InvalidOperationException(
                $"{python} {script} did not print its port within {StartPatience.TotalSeconds} s (first line: {first ?? "none"}); its errors: {Text(errors)}");
        }

        return new ScriptedServer(process, port, errors);
    }

    /// <summary>Defines a scenario under a name no other test uses and returns it.</summary>
    public ScriptedScenario Define(JsonNode scenario)
    {
        string name = $"{TestContext.CurrentContext.Test.MethodName}-{Interlocked.Increment(ref _defined)}";
        Call(HttpMethod.Put, $"scenarios/{name}", scenario.ToJsonString());
        return new ScriptedScenario(this, name);
    }

    /// <summary>One control request, answered with plain text or JSON; anything but a 200 fails the test.</summary>
    public string Call(HttpMethod method, string pathAndQuery, string? json = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = _control.Send(request);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        string text = reader.ReadToEnd();
        if (!response.IsSuccessStatusCode)
        {
            throw new AssertionException($"{method} /_control/{pathAndQuery}: {(int)response.StatusCode} {text}; server errors: {Text(_errors)}");
        }

        return text;
    }

    public int Number(string pathAndQuery) => int.Parse(Call(HttpMethod.Get, pathAndQuery), CultureInfo.InvariantCulture);

    public JsonElement Json(string pathAndQuery)
    {
        using var document = JsonDocument.Parse(Call(HttpMethod.Get, pathAndQuery));
        return document.RootElement.Clone();
    }

    /// <summary>The folder holding the solution, found by walking up from the test assembly.</summary>
    private static string RepositoryRoot()
    {
        string from = TestContext.CurrentContext.TestDirectory;
        for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMarker)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no folder holding {RepositoryMarker} above {from}: the scripted test server cannot be found");
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string Text(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.Length == 0 ? "none" : errors.ToString();
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    public void Dispose()
    {
        _control.Dispose();
        Stop(_process);
        _process.Dispose();
    }
}
