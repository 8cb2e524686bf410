using System.ClientModel;
using System.Diagnostics;
using DeepSeekOcr.Bench.OpenAiPeer;
using OpenAI;
using OpenAI.Chat;

// The OpenAI .NET SDK driving many requests at once: every image a task, a SemaphoreSlim keeping K in flight,
// Task.WhenAll for the end. Prints the line every driver of bench/multi/run.sh prints:
//   RESULT images=N failed=F seconds=S rss_idle_kib=A rss_peak_kib=B
// measured as multi_driver.c measures it (warm-up request, idle RSS, K warm-up requests, peak reset, the run).
var arguments = Arguments.Parse(args);
string[] files = Directory.GetFiles(arguments.Images).Order(StringComparer.Ordinal).ToArray();
var client = new ChatClient(
    "deepseek-ocr",
    new ApiKeyCredential("sk-bench"),
    new OpenAIClientOptions { Endpoint = new Uri(arguments.Url.TrimEnd('/') + "/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

await RecognizeAsync(client, files[0]);
long idle = ProcStatus.Kib("VmRSS");
await RunAsync(client, files, arguments.InFlight, arguments.InFlight);
ProcStatus.ResetPeak();

var watch = Stopwatch.StartNew();
int failed = await RunAsync(client, files, arguments.Count, arguments.InFlight);
double seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"RESULT images={arguments.Count} failed={failed} seconds={seconds:F4} rss_idle_kib={idle} rss_peak_kib={ProcStatus.Kib("VmHWM")}");
return failed == 0 ? 0 : 1;

static async Task<int> RunAsync(ChatClient client, string[] files, int count, int inFlight)
{
    using var slots = new SemaphoreSlim(inFlight);
    int failed = 0;
    var tasks = Enumerable.Range(0, count).Select(async i =>
    {
        await slots.WaitAsync().ConfigureAwait(false);
        try
        {
            await RecognizeAsync(client, files[i % files.Length]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ClientResultException or IOException or HttpRequestException)
        {
            if (Interlocked.Increment(ref failed) == 1)
            {
                Console.Error.WriteLine($"OpenAiPeer: item {i}: {e.Message}");
            }
        }
        finally
        {
            slots.Release();
        }
    }).ToArray();
    await Task.WhenAll(tasks).ConfigureAwait(false);
    return failed;
}

// What the C ABI does for an image_path: read the file, send it as a data URL with the Free OCR prompt.
static async Task<string> RecognizeAsync(ChatClient client, string path)
{
    byte[] image = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
    var message = new UserChatMessage(
        ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(image), "image/png"),
        ChatMessageContentPart.CreateTextPart("Free OCR."));
    ChatCompletion completion = await client.CompleteChatAsync([message]).ConfigureAwait(false);
    return completion.Content[0].Text;
}
