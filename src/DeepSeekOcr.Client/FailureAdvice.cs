using System.Net.Sockets;

namespace DeepSeekOcr.Client;

/// <summary>
/// What to do about a failure that the base URL or the API key explains: a new user's most common mistakes are a
/// server that is not running, a forgotten base URL that silently went to the hosted service, and a wrong path. Each
/// message names the base URL and where it came from.
/// </summary>
internal static class FailureAdvice
{
    private const string StartLocalServer = "src/DeepSeekOcr.Server/start-server.sh";

    /// <summary>Advice for a failure to connect at all.</summary>
    public static string Unreachable(OcrClientSettings settings, Exception cause)
    {
        if (settings.BaseUrlSource == BaseUrlSource.Default)
        {
            return $"; this is the hosted service, {settings.DescribeBaseUrl()}: check the network, or {SetBaseUrl(settings)} to your own service, e.g. the local server that {StartLocalServer} starts";
        }

        return IsRefused(cause)
            ? $"; no server is listening at {settings.DescribeBaseUrl()}: start it (the local server: {StartLocalServer}, which prints its URL), or {SetBaseUrl(settings)} to where the service runs"
            : $"; check the base URL, {settings.DescribeBaseUrl()}, or {SetBaseUrl(settings)} to where the service runs";
    }

    private static string SetBaseUrl(OcrClientSettings settings) => $"set {OcrClientOptions.BaseUrlVariable} or {settings.Options.Names.BaseUrl}";

    /// <summary>The failure with advice added when its HTTP status points at the base URL or the API key.</summary>
    public static OcrException ForAnswer(OcrClientSettings settings, OcrException failure)
    {
        string? advice = failure.HttpStatus switch
        {
            401 or 403 => $"; base URL {settings.DescribeBaseUrl()}; " + (settings.ApiKey is null
                ? $"no API key was sent: set {OcrClientOptions.ApiKeyVariable} or {settings.Options.Names.ApiKey}"
                : $"check that the API key ({settings.Options.Names.ApiKey} or {OcrClientOptions.ApiKeyVariable}) is one for this service"),
            404 or 405 => $"; POST {settings.Endpoint} is not a Chat Completions endpoint: the base URL, {settings.DescribeBaseUrl()}, should be the service's root, with or without /v1 (e.g. http://127.0.0.1:8000 or https://api.example.com/v1)",
            _ => null,
        };
        return advice is null ? failure : failure.Rewritten(failure.Message + advice, failure.ServerError, failure.RequestId);
    }

    private static bool IsRefused(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
