using BenchmarkDotNet.Configs;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>Adds "M events/s" (Mean / events per stream) to the SSE table.</summary>
public sealed class EventsPerSecondConfig : ManualConfig
{
    public EventsPerSecondConfig() =>
        AddColumn(new ThroughputColumn("M events/s", "Million SSE events per second: events per stream / Mean", _ => BenchmarkScale.SseEvents, 1e6));
}
