using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Measurements;

/// <summary>
/// Measures, on each sample, the time to the first content and to the end of the answer, whole and streamed, and
/// writes the medians to the test output (<c>dotnet test ... --logger "console;verbosity=detailed"</c>). The
/// numbers depend on the machine, so nothing is asserted about them; what is checked is that a streamed answer has
/// its text in several chunks that add up to the whole answer.
/// </summary>
[TestFixture]
public sealed class TimeToFirstContentTests() : ServerProcessFixture("--engines", "1")
{
    private const int Runs = 5;


    [TestCaseSource(typeof(Samples), nameof(Samples.Pages))]
    public async Task Measure_WholeVersusStreamed(string name)
    {
        var request = ChatRequests.For(Samples.DataUrl(name + ".png"), "<image>\n<|grounding|>Convert the document to markdown.");
        _ = await ChatRequests.ContentAsync(Server.Http, request); // warm-up: engine created, code jitted

        var whole = new List<double>();
        var first = new List<double>();
        var last = new List<double>();
        string? wholeText = null;
        for (var run = 0; run < Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            wholeText = await ChatRequests.ContentAsync(Server.Http, request);
            whole.Add(clock.Elapsed.TotalMilliseconds);

            var (firstMs, lastMs, pieces) = await StreamAsync(request);
            first.Add(firstMs);
            last.Add(lastMs);
            Assert.That(string.Concat(pieces), Is.EqualTo(wholeText));
            Assert.That(pieces, Has.Count.GreaterThan(1));
        }

        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: whole answer {Median(whole):F0} ms; streamed: first content {Median(first):F0} ms, last {Median(last):F0} ms (medians of {Runs})"));
    }

    private async Task<(double FirstMs, double LastMs, List<string> Pieces)> StreamAsync(ChatCompletionRequest request)
    {
        request.Stream = true;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = ChatRequests.Json(request) };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var clock = Stopwatch.StartNew();
            using var response = await Server.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            double? firstMs = null;
            var pieces = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: {", StringComparison.Ordinal))
                {
                    continue;
                }

                var chunk = JsonSerializer.Deserialize(line["data: ".Length..], ProtocolJsonContext.Default.ChatCompletionChunk)!;
                if (chunk.Choices is { Count: > 0 } choices && choices[0].Delta?.Content is { Length: > 0 } piece)
                {
                    firstMs ??= clock.Elapsed.TotalMilliseconds;
                    pieces.Add(piece);
                }
            }

            return (firstMs ?? double.NaN, clock.Elapsed.TotalMilliseconds, pieces);
        }
        finally
        {
            request.Stream = false;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
