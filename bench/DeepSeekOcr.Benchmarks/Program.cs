using BenchmarkDotNet.Running;
using DeepSeekOcr.Benchmarks.Infrastructure;

// Usage: dotnet run -c Release --project bench/DeepSeekOcr.Benchmarks -- [--smoke] [BenchmarkDotNet arguments, e.g. --filter '*Sse*']
// Prints "N passed, N failed" last and exits non-zero when a benchmark failed or none ran.
bool smoke = args.Contains("--smoke");
if (smoke)
{
    Environment.SetEnvironmentVariable(BenchmarkScale.SmokeVariable, "1");
}

string[] benchmarkArgs = [.. args.Where(a => a != "--smoke")];
if (!benchmarkArgs.Contains("--filter"))
{
    benchmarkArgs = [.. benchmarkArgs, "--filter", "*"];
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkScale).Assembly).Run(benchmarkArgs, SuiteConfig.Create(smoke));
var outcome = RunOutcome.From(summaries);
Console.WriteLine($"{outcome.Passed} passed, {outcome.Failed} failed");
return outcome.Failed == 0 && outcome.Passed > 0 ? 0 : 1;
