using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>A rate derived from the Mean of the same run: units of work per operation divided by the time per operation.</summary>
public sealed class ThroughputColumn(string name, string legend, Func<BenchmarkCase, double> unitsPerOperation, double unitScale) : IColumn
{
    public string Id => $"{nameof(ThroughputColumn)}.{name}";

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not > 0)
        {
            return "NA";
        }

        double perSecond = unitsPerOperation(benchmarkCase) / (meanNs.Value / 1e9) / unitScale;
        return perSecond.ToString(perSecond >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}
