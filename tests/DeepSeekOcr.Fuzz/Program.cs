using System.Diagnostics;
using DeepSeekOcr.Client;
using DeepSeekOcr.Fuzz;

// Usage: DeepSeekOcr.Fuzz [--seconds N] [--seed N]. Runs cases until the time is up and ends with
// "N passed, N failed", one test per kind of input (valid, mutated, random, endless line) and one for memory.
// A case fails when anything but an OcrException escapes, when a valid stream does not give back exactly its
// text, when a case takes over 5 s, or when managed memory grows without bound.
int seconds = 20;
int seed = Environment.TickCount;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds": seconds = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

Console.WriteLine($"fuzzing the response readers for {seconds} s, seed {seed}");
var random = new Random(seed);
var handler = new CannedHandler(random);
using var client = new OcrClient(new OcrClientOptions
{
    BaseUrl = "http://127.0.0.1:9",
    Handler = handler,
    MaxRetries = 0,
    MaxLineBytes = 64 * 1024,
    MaxResponseBytes = 1024 * 1024,
});
var request = new OcrRequest { Image = DeepSeekOcr.Client.Images.ImageSource.FromUrl("https://example.com/a.png") };
string[] kinds = ["valid streams", "mutated streams", "random bytes", "endless lines"];
int[] cases = new int[kinds.Length];
var failures = new Dictionary<string, int>();
var failedKinds = new HashSet<int>();
int passed = 0;
long baseline = 0;
var clock = Stopwatch.StartNew();

while (clock.Elapsed.TotalSeconds < seconds)
{
    int kind = random.Next(4);
    string? expected = null;
    byte[] body;
    switch (kind)
    {
        case 0:
            (body, expected) = StreamCorpus.ValidStream(random);
            break;
        case 1:
            body = StreamCorpus.Mutate(StreamCorpus.ValidStream(random).Bytes, random);
            break;
        case 2:
            body = StreamCorpus.RandomBytes(random);
            break;
        default:
            // An endless line: must end in OcrStatus.Protocol, not in a buffer the size of the stream.
            body = [.. "data: "u8, .. Enumerable.Repeat((byte)'x', 200 * 1024)];
            break;
    }

    bool whole = random.Next(5) == 0 && kind != 3;
    handler.Body = body;
    handler.MediaType = whole ? "application/json" : "text/event-stream";
    string? failure = await RunCase(client, request, whole, expected);
    cases[kind]++;
    if (failure is null)
    {
        passed++;
    }
    else
    {
        failures[$"{kinds[kind]}: {failure}"] = failures.GetValueOrDefault($"{kinds[kind]}: {failure}") + 1;
        failedKinds.Add(kind);
    }

    if (passed == 1000)
    {
        GC.Collect();
        baseline = GC.GetTotalMemory(forceFullCollection: true);
    }
}

GC.Collect();
long final = GC.GetTotalMemory(forceFullCollection: true);
bool memoryBounded = baseline == 0 || final < baseline + (32L << 20);
Console.WriteLine($"managed memory after 1000 cases: {baseline >> 10} KiB, at the end: {final >> 10} KiB");
for (int kind = 0; kind < kinds.Length; kind++)
{
    Console.WriteLine($"{(failedKinds.Contains(kind) || cases[kind] == 0 ? "FAIL" : "PASS")} {kinds[kind]}: {cases[kind]} cases");
}

Console.WriteLine($"{(memoryBounded ? "PASS" : "FAIL")} managed memory bounded (under 32 MiB of growth)");
foreach (var (failure, count) in failures)
{
    Console.WriteLine($"  x{count} {failure}");
}

int failedTests = kinds.Where((_, kind) => failedKinds.Contains(kind) || cases[kind] == 0).Count() + (memoryBounded ? 0 : 1);
Console.WriteLine($"{kinds.Length + 1 - failedTests} passed, {failedTests} failed");
return failedTests == 0 ? 0 : 1;

static async Task<string?> RunCase(OcrClient client, OcrRequest request, bool whole, string? expected)
{
    var run = Task.Run(async () =>
    {
        if (whole)
        {
            return (await client.RecognizeAsync(request)).Text;
        }

        using var stream = await client.StreamAsync(request);
        while (await stream.MoveNextAsync())
        {
        }

        return stream.Result.Text;
    });
    if (await Task.WhenAny(run, Task.Delay(5000)) != run)
    {
        return "a case took over 5 s (hang)";
    }

    try
    {
        string text = await run;
        return expected is not null && !whole && text != expected ? "a valid stream gave back different text" : null;
    }
    catch (OcrException e) when (expected is null || whole)
    {
        return e.Status is OcrStatus.Protocol or OcrStatus.Server ? null : $"unexpected status {e.Status}: {e.Message}";
    }
    catch (OcrException e)
    {
        return $"a valid stream failed: {e.Message}";
    }
    catch (Exception e)
    {
        return $"escaped {e.GetType().Name}: {e.Message}";
    }
}
