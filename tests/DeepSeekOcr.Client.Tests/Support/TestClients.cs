using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>Clients with short deadlines and no retries unless a test asks, so that failures show fast.</summary>
internal static class TestClients
{
    public const string ApiKey = "sk-test-4f9c2e7a1b8d";

    public static OcrClientOptions Options(string baseUrl) => new()
    {
        BaseUrl = baseUrl,
        ApiKey = ApiKey,
        Timeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        IdleTimeout = TimeSpan.FromSeconds(5),
        MaxRetries = 0,
    };

    public static OcrClient Create(string baseUrl) => new(Options(baseUrl));

    public static OcrRequest PngRequest() => new() { Image = ImageSource.FromBytes(TestImages.Png) };

    /// <summary>Reads a stream to its end, returning every piece of text handed out.</summary>
    public static async Task<List<string>> ReadAllAsync(OcrStream stream)
    {
        var deltas = new List<string>();
        while (await stream.MoveNextAsync())
        {
            deltas.Add(System.Text.Encoding.UTF8.GetString(stream.Current.Span));
        }

        return deltas;
    }

    /// <summary>Reads a stream to its end with the blocking <see cref="OcrStream.MoveNext"/>, returning every piece of text.</summary>
    public static List<string> ReadAllBlocking(OcrStream stream)
    {
        var deltas = new List<string>();
        while (stream.MoveNext())
        {
            deltas.Add(System.Text.Encoding.UTF8.GetString(stream.Current.Span));
        }

        return deltas;
    }

    /// <summary>Streams a request to its end and returns the pieces and the result.</summary>
    public static async Task<(List<string> Deltas, OcrResult Result)> StreamAllAsync(OcrClient client, OcrRequest request, CancellationToken cancellationToken = default)
    {
        using var stream = await client.StreamAsync(request, cancellationToken);
        var deltas = await ReadAllAsync(stream);
        return (deltas, stream.Result);
    }
}
