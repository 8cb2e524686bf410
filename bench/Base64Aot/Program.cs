using System.Buffers.Text;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using DeepSeekOcr.Bench.Base64Aot;

// Usage: Base64Aot [SECONDS_PER_SIZE]. Prints GB/s (input bytes per second) of .NET's Base64.EncodeToUtf8, of the
// library's C encoder (what the shipped library runs; AOT builds only) and its AVX2 path alone (what CPUs without
// AVX-512 VBMI run), and of a memcpy of the same size, for 1 MiB and 16 MiB, into reused buffers: the inner loop of
// the streamed request body. Each figure is the best of five rounds of SECONDS_PER_SIZE / 5 (default 1 s in all).
double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
bool shipped = !RuntimeFeature.IsDynamicCodeSupported;
if (shipped)
{
    Console.WriteLine($"library encoder path on this CPU: {ShippedEncoder.PathName}");
}

foreach (int size in new[] { 1 << 20, 16 << 20 })
{
    // Both buffers start on a cache line, as the library's do (AlignedPooledBuffer).
    Memory<byte> input = CacheLineAligned(size);
    new Random(42).NextBytes(input.Span);
    Memory<byte> output = CacheLineAligned(Base64.GetMaxEncodedToUtf8Length(size));
    byte[] check = new byte[output.Length];
    Base64.EncodeToUtf8(input.Span, check, out _, out _);
    double dotnet = Measure(() => Base64.EncodeToUtf8(input.Span, output.Span, out _, out _), size, seconds);
    string library = "";
    if (shipped)
    {
        if (ShippedEncoder.Encode(input.Span, output.Span) != output.Length || !output.Span.SequenceEqual(check))
        {
            throw new InvalidOperationException("the library's encoder and .NET's Base64 disagree");
        }

        library = $", library encoder {Measure(() => ShippedEncoder.Encode(input.Span, output.Span), size, seconds),6:0.0} GB/s";
        if (ShippedEncoder.PathName is "avx2" or "avx512vbmi")
        {
            double avx2 = Measure(() => ShippedEncoder.EncodeWithAvx2(input.Span, output.Span), size, seconds);
            library += $" (its AVX2 path {avx2,6:0.0} GB/s)";
        }
    }

    double copy = Measure(() => input.Span.CopyTo(output.Span), size, seconds);
    Console.WriteLine($"{size >> 20,2} MiB: Base64.EncodeToUtf8 {dotnet,6:0.0} GB/s{library}, memcpy {copy,6:0.0} GB/s");
}

// A buffer on the pinned heap, so that its address, and with it the alignment, never changes.
static unsafe Memory<byte> CacheLineAligned(int length)
{
    byte[] array = GC.AllocateUninitializedArray<byte>(length + 63, pinned: true);
    fixed (byte* start = array)
    {
        int skip = (int)((64 - (nuint)start % 64) % 64);
        return array.AsMemory(skip, length);
    }
}

// The best of five rounds: on a shared machine the other work only ever slows a round down.
static double Measure(Action action, int bytes, double seconds)
{
    action(); // warm up
    double best = 0;
    for (int round = 0; round < 5; round++)
    {
        long iterations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds / 5)
        {
            action();
            iterations++;
        }

        best = Math.Max(best, bytes * (double)iterations / clock.Elapsed.TotalSeconds / 1e9);
    }

    return best;
}
