using System.Text.Json.Serialization;

namespace DeepSeekOcr.Benchmarks.Sse;

/// <summary>Source-generated serialization for the SseParser peer, as a careful user of System.Text.Json would write it.</summary>
[JsonSerializable(typeof(SseChunk))]
public sealed partial class SseChunkJsonContext : JsonSerializerContext;
