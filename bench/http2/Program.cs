using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using DeepSeekOcr.Benchmarks.Http2;
using DeepSeekOcr.Client;
using DeepSeekOcr.Client.Images;

// Usage: Http2Bench CERT.pem KEY.pem [requests (2000)] [in flight (64)]
// The client is the library's own, as every caller gets it: it trusts the test certificate only because run.sh puts
// it alone in SSL_CERT_FILE, which .NET on Linux reads for its root store.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Http2Bench CERT.pem KEY.pem [requests] [in-flight]");
    return 2;
}

int requests = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
int inFlight = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 64;
using var certificate = X509Certificate2.CreateFromPemFile(args[0], args[1]);
await using var server = await TlsTestServer.StartAsync(certificate);

// A 1x1 PNG: the request body is small, so the transport is what is measured.
byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
var request = new OcrRequest { Image = ImageSource.FromBytes(png) };

// Warm-up, so that the first row does not carry the JIT: every path once, on both endpoints, then thrown away.
foreach (string url in new[] { server.BothUrl, server.Http11Url })
{
    using var warm = new OcrClient(new OcrClientOptions { BaseUrl = url, ApiKey = "bench", MaxRetries = 0 });
    await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => warm.RecognizeAsync(request)));
}

server.TakeTally();
Console.WriteLine($"{requests} requests, {inFlight} in flight, one client per row (a fresh connection pool), Kestrel over TLS on 127.0.0.1");
Console.WriteLine("| Server offers | Answer delay | Went over | First burst of in-flight requests (connections opened) | Steady requests/s | of ideal | p50 | p99 |");
Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
foreach (var delay in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(50) })
{
    server.Delay = delay;
    foreach (var (name, url) in new[] { ("h2 + http/1.1", server.BothUrl), ("http/1.1 only", server.Http11Url) })
    {
        using var client = new OcrClient(new OcrClientOptions { BaseUrl = url, ApiKey = "bench", MaxRetries = 0 });
        server.TakeTally();

        // Cold: a fresh client sends a whole burst at once, so HTTP/1.1 opens one TLS connection per request.
        var cold = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => client.RecognizeAsync(request)));
        cold.Stop();
        string coldTally = server.TakeTally();

        var latencies = new double[requests];
        int next = -1;
        var steady = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < requests;)
            {
                long start = Stopwatch.GetTimestamp();
                var result = await client.RecognizeAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (result.Text != "text")
                {
                    throw new InvalidOperationException($"wrong answer: '{result.Text}'");
                }
            }
        }));
        steady.Stop();
        string tally = server.TakeTally();
        Array.Sort(latencies);
        double rate = requests / steady.Elapsed.TotalSeconds;
        string ideal = delay > TimeSpan.Zero ? $"{rate / (inFlight / delay.TotalSeconds):P0}" : "";
        Console.WriteLine($"| {name} | {delay.TotalMilliseconds:0} ms | {tally} | {cold.Elapsed.TotalMilliseconds:0.0} ms ({coldTally}) | {rate:0} | {ideal} | {latencies[requests / 2]:0.0} ms | {latencies[requests * 99 / 100]:0.0} ms |");
    }
}

return 0;
