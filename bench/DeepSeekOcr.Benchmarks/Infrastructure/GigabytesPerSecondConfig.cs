using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>Adds "GB/s" (image bytes encoded per second, 10^9) to the request-body table.</summary>
public sealed class GigabytesPerSecondConfig : ManualConfig
{
    public GigabytesPerSecondConfig() =>
        AddColumn(new ThroughputColumn("GB/s", "Image bytes (before Base64) per second, 10^9", ImageBytes, 1e9));

    private static double ImageBytes(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "ImageKiB")?.Value is int kib ? kib * 1024.0 : double.NaN;
}
