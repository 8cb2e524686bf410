using System.Diagnostics;
using System.Net.Http.Headers;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// The real server as a child process on a free loopback port: started with the given arguments, found through the
/// DEEPSEEK_OCR_SERVER_URL line it prints, killed on dispose. $DEEPSEEK_OCR_SERVER_EXE picks another binary
/// (the Native AOT one); by default the server built next to the tests runs under dotnet.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUrl, string? apiKey)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Uri BaseUrl { get; }

    /// <summary>A client aimed at the server, carrying the API key if the server was started with one.</summary>
    public HttpClient Http { get; }

    public static ServerProcess Start(params string[] extraArgs)
    {
        var args = new List<string> { "--port", "0" };
        args.AddRange(extraArgs);
        var apiKeyIndex = args.IndexOf("--api-key");
        var apiKey = apiKeyIndex >= 0 ? args[apiKeyIndex + 1] : null;

        var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("the server process did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var url = ReadAnnouncedUrl(process);
        if (url is null)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"the server printed no URL within {StartTimeout.TotalSeconds} s; stderr:\n{stderr.Result}");
        }

        return new ServerProcess(process, new Uri(url), apiKey);
    }

    /// <summary>Runs the server to completion (for --help and bad command lines) and returns exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("the server process did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StartTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the server did not exit");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var exe = Environment.GetEnvironmentVariable("DEEPSEEK_OCR_SERVER_EXE");
        var info = exe is { Length: > 0 }
            ? new ProcessStartInfo(exe)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "deepseek-ocr-server.dll") } };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment.Remove("DEEPSEEK_OCR_SERVER_API_KEY");
        return info;
    }

    private static string? ReadAnnouncedUrl(Process process)
    {
        const string prefix = "DEEPSEEK_OCR_SERVER_URL=";
        var reading = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }

            return null;
        });
        return reading.Wait(StartTimeout) ? reading.Result : null;
    }
}
