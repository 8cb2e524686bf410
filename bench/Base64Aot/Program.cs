using System.Buffers.Text;
using System.Diagnostics;

// Usage: Base64Aot [SECONDS_PER_SIZE]. Prints GB/s of Base64.EncodeToUtf8 (input bytes per second) and of a memcpy
// of the same size, for 1 MiB and 16 MiB, into reused buffers: the inner loop of the streamed request body.
double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
foreach (int size in new[] { 1 << 20, 16 << 20 })
{
    byte[] input = new byte[size];
    new Random(42).NextBytes(input);
    byte[] output = new byte[Base64.GetMaxEncodedToUtf8Length(size)];
    double base64 = Measure(() => Base64.EncodeToUtf8(input, output, out _, out _), size, seconds);
    double copy = Measure(() => input.AsSpan().CopyTo(output), size, seconds);
    Console.WriteLine($"{size >> 20,2} MiB: Base64.EncodeToUtf8 {base64,6:0.0} GB/s, memcpy {copy,6:0.0} GB/s");
}

static double Measure(Action action, int bytes, double seconds)
{
    action(); // warm up
    long iterations = 0;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        action();
        iterations++;
    }

    return bytes * (double)iterations / clock.Elapsed.TotalSeconds / 1e9;
}
