namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>
/// The sizes the suite runs at. The CI smoke (<c>--smoke</c>) only proves every benchmark builds and runs, so it
/// shrinks the inputs; the environment variable carries that choice into BenchmarkDotNet's child processes.
/// </summary>
public static class BenchmarkScale
{
    public const string SmokeVariable = "DEEPSEEK_OCR_BENCH_SMOKE";

    public static bool IsSmoke => Environment.GetEnvironmentVariable(SmokeVariable) == "1";

    /// <summary>Events in the SSE corpus: 100k as the issue asks, 2k in a smoke run.</summary>
    public static int SseEvents => IsSmoke ? 2_000 : 100_000;

    /// <summary>Chunks of the streamed end-to-end answer: 10k as the issue asks, 500 in a smoke run.</summary>
    public static int EndToEndChunks => IsSmoke ? 500 : 10_000;

    /// <summary>The image of the end-to-end requests: 4 MiB as the issue asks, 256 KiB in a smoke run.</summary>
    public static int EndToEndImageBytes => IsSmoke ? 256 * 1024 : 4 * 1024 * 1024;

    /// <summary>Image sizes of the request-body comparison, in KiB: 1 MiB and 16 MiB, or 64 KiB and 256 KiB in a smoke run.</summary>
    public static IEnumerable<int> RequestBodyKiB => IsSmoke ? [64, 256] : [1024, 16 * 1024];
}
