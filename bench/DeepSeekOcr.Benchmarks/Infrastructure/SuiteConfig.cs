using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>
/// The two ways the suite runs. Full: a short job (1 launch, 3 warm-ups, 5 iterations) so that the whole suite fits
/// in about a quarter of an hour on a shared 2-core machine. Smoke (CI): one iteration of each benchmark in process,
/// on shrunken inputs, to prove they build, run and give correct answers, never to measure.
/// </summary>
public static class SuiteConfig
{
    public static IConfig Create(bool smoke)
    {
        var job = smoke
            ? Job.Dry.WithWarmupCount(0).WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke")
            : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithId("Short");
        return DefaultConfig.Instance
            .AddJob(job.WithEnvironmentVariable(BenchmarkScale.SmokeVariable, smoke ? "1" : "0"))
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
