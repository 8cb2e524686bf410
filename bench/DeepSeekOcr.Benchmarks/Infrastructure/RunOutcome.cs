using BenchmarkDotNet.Reports;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>Counts benchmarks that ran and produced a result against those that did not, for the test runner.</summary>
public sealed record RunOutcome(int Passed, int Failed)
{
    public static RunOutcome From(IEnumerable<Summary> summaries)
    {
        int passed = 0;
        int failed = 0;
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failed += Math.Max(1, summary.BenchmarksCases.Length);
                continue;
            }

            foreach (var benchmarkCase in summary.BenchmarksCases)
            {
                var report = summary[benchmarkCase];
                if (report is { Success: true, ResultStatistics: not null })
                {
                    passed++;
                }
                else
                {
                    failed++;
                }
            }
        }

        return new RunOutcome(passed, failed);
    }
}
